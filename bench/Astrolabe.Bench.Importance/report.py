"""Tables of the importance benchmark from the two sides' lines ("problem method seed param importance" and
"time problem method seed seconds"): per problem and method, each parameter's importance averaged over the seeds on
each side, the difference, whether the rankings agree, and the median time of one evaluation on each side.

  report.py <ours.txt> <peer.txt>
"""
import statistics
import sys
from collections import defaultdict


def read(path):
    values = defaultdict(list)
    times = defaultdict(list)
    for line in open(path):
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "time":
            times[(parts[1], parts[2])].append(float(parts[4]))
        else:
            values[(parts[0], parts[1], parts[3])].append(float(parts[4]))
    return values, times


def main(ours_path, peer_path):
    ours, our_times = read(ours_path)
    peer, peer_times = read(peer_path)
    keys = sorted({(p, m) for (p, m, _) in peer})
    worst = 0.0
    print("| problem | method | parameter | Astrolabe | Optuna 3.1 | difference |")
    print("|---|---|---|---|---|---|")
    agree = []
    for problem, method in keys:
        params = sorted({q for (p, m, q) in peer if (p, m) == (problem, method)})
        mean_ours = {q: statistics.mean(ours[(problem, method, q)]) for q in params}
        mean_peer = {q: statistics.mean(peer[(problem, method, q)]) for q in params}
        for q in sorted(params, key=lambda q: -mean_peer[q]):
            d = mean_ours[q] - mean_peer[q]
            worst = max(worst, abs(d))
            print(f"| {problem} | {method} | {q} | {mean_ours[q]:.4f} | {mean_peer[q]:.4f} | {d:+.4f} |")
        rank_ours = sorted(params, key=lambda q: -mean_ours[q])
        rank_peer = sorted(params, key=lambda q: -mean_peer[q])
        agree.append((problem, method, rank_ours == rank_peer, " > ".join(rank_ours), " > ".join(rank_peer)))
    print()
    print(f"Largest difference: {worst:.4f}.")
    print()
    print("| problem | method | same ranking | Astrolabe | Optuna 3.1 |")
    print("|---|---|---|---|---|")
    for problem, method, same, a, b in agree:
        print(f"| {problem} | {method} | {'yes' if same else 'no'} | {a} | {b} |")
    print()
    print("| problem | method | Astrolabe s (median) | Optuna 3.1 s (median) | Optuna / Astrolabe |")
    print("|---|---|---|---|---|")
    for problem, method in keys:
        a = statistics.median(our_times[(problem, method)])
        b = statistics.median(peer_times[(problem, method)])
        print(f"| {problem} | {method} | {a:.3f} | {b:.3f} | {b / a:.0f}× |")
    for (problem, method), t in sorted(our_times.items()):
        if method == "ped-anova":
            print(f"| {problem} | ped-anova | {statistics.median(t):.3f} | – | – |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
