"""Turns the raw outputs of run.sh into markdown tables, the TPE bench's report method (report.py there): quality
(median best-found regret, Mann–Whitney U two-sided with Holm correction over all rows at 5%, win/tie/loss) and
the GP sampler's cost per proposal.

  report.py <folder>    reads <folder>/ours_q and <folder>/peer_q (lines: problem seed budget regret) and, when
                        present, <folder>/ours_cost (lines: n dims proposals median-wall-ms median-cpu-ms mean-wall-ms mean-cpu-ms
                        max-wall-ms, one line per n and run)
"""
import collections
import os
import statistics
import sys

from scipy.stats import mannwhitneyu

folder = sys.argv[1]


def read_quality(path):
    runs = collections.defaultdict(dict)
    with open(path) as f:
        for line in f:
            if line.strip():
                problem, seed, budget, regret = line.split()
                runs[(problem, int(budget))][int(seed)] = max(float(regret), 0.0)
    return runs


if os.path.exists(f"{folder}/ours_q") and os.path.exists(f"{folder}/peer_q"):
    ours, theirs = read_quality(f"{folder}/ours_q"), read_quality(f"{folder}/peer_q")
    keys = [k for k in ours if k in theirs]
    tests = []
    for k in keys:
        a, b = list(ours[k].values()), list(theirs[k].values())
        p = 1.0 if sorted(a) == sorted(b) else mannwhitneyu(a, b, alternative="two-sided").pvalue
        tests.append((k, p))

    # Holm: sort p-values, compare the i-th smallest with alpha / (m - i), stop at the first that fails.
    alpha, m = 0.05, len(tests)
    significant = set()
    for i, (k, p) in enumerate(sorted(tests, key=lambda t: t[1])):
        if p > alpha / (m - i):
            break
        significant.add(k)

    seeds_a = sorted({len(v) for v in ours.values()})
    seeds_b = sorted({len(v) for v in theirs.values()})
    counts, at_largest = collections.Counter(), collections.Counter()
    largest = max(k[1] for k in keys)
    print(f"Quality: median best-found regret (lower is better), Astrolabe GpSampler ({'/'.join(map(str, seeds_a))} seeds) "
          f"against Optuna 3.1 multivariate TPESampler ({'/'.join(map(str, seeds_b))} seeds); "
          "Mann–Whitney U two-sided, Holm-corrected over all rows at 5%.")
    print()
    print("| problem | trials | Astrolabe | Optuna | p (raw) | result |")
    print("|---|---|---|---|---|---|")
    for (k, p) in sorted(tests):
        a, b = statistics.median(ours[k].values()), statistics.median(theirs[k].values())
        result = "tie"
        if k in significant:
            result = "win" if a < b else "loss"
        counts[result] += 1
        if k[1] == largest:
            at_largest[result] += 1
        print(f"| {k[0]} | {k[1]} | {a:.4g} | {b:.4g} | {p:.3g} | {result} |")
    print()
    print(f"Wins / ties / losses: {counts['win']} / {counts['tie']} / {counts['loss']} over {len(tests)} rows; "
          f"at {largest} trials: {at_largest['win']} / {at_largest['tie']} / {at_largest['loss']} "
          f"over {sum(at_largest.values())} problems")
    met = at_largest["win"] * 2 >= sum(at_largest.values()) and counts["loss"] == 0
    print()
    print(f"Target (wins on at least half of the problems at {largest} trials, no significant loss): {'met' if met else 'not met'}")
    print()

if os.path.exists(f"{folder}/ours_cost"):
    by_n = collections.defaultdict(list)
    with open(f"{folder}/ours_cost") as f:
        for line in f:
            if line.strip():
                n, dims, count, wall, cpu, mean_wall, mean_cpu, high = line.split()
                by_n[int(n)].append((int(dims), int(count), float(wall), float(cpu), float(mean_wall), float(mean_cpu), float(high)))
    if by_n:
        runs = min(len(v) for v in by_n.values())
        dims = next(iter(by_n.values()))[0][0]
        print(f"Cost: GpSampler, one proposal (ask, the {dims} suggestions, tell: everything the sampler does for one "
              f"trial) after n finished trials × {dims} floats, sphere objective, one core; in each of {runs} runs the "
              "proposals after n, n + 1, … finished trials, max(5, ⌈n / 10⌉) of them, so that from n = 64 on, where the "
              "GP's hyperparameters are fitted again only once the trials have grown by 10%, the window holds one such "
              "fit (the slowest proposal) and its mean is the amortised cost. Each column is the median over the runs "
              "of that run's figure; target ≤ 50 ms (median) at n = 200.")
        print()
        print("| n | proposals | median ms | run medians, min–max | mean ms (amortised) | slowest ms | median CPU ms |")
        print("|---|---|---|---|---|---|---|")
        for n in sorted(by_n):
            rs = by_n[n]
            med = lambda i: statistics.median(r[i] for r in rs)
            print(f"| {n} | {rs[0][1]} | {med(2):.1f} | {min(r[2] for r in rs):.1f}–{max(r[2] for r in rs):.1f} | "
                  f"{med(4):.1f} | {med(6):.1f} | {med(3):.1f} |")
        print()
