"""Turns the raw outputs of run.sh into markdown tables, the TPE bench's report method (report.py there): quality
(median best-found regret, Mann–Whitney U two-sided with Holm correction over all rows at 5%, win/tie/loss) and
the GP sampler's cost per proposal.

  report.py <folder>    reads <folder>/ours_q and <folder>/peer_q (lines: problem seed budget regret) and, when
                        present, <folder>/ours_cost (lines: n dims asks median-wall-ms median-cpu-ms min-wall-ms max-wall-ms)
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
    with open(f"{folder}/ours_cost") as f:
        rows = [line.split() for line in f if line.strip()]
    if rows:
        print(f"Cost: GpSampler, one proposal (ask, the {rows[0][1]} suggestions, tell: everything the sampler does for one "
              f"trial) after n finished trials × {rows[0][1]} floats, sphere objective, one core; median of {rows[0][2]} "
              "proposals (after n, n + 1, … finished trials); target ≤ 50 ms at n = 200.")
        print()
        print("| n | median wall ms | median CPU ms | min wall ms | max wall ms |")
        print("|---|---|---|---|---|")
        for n, _dims, _asks, wall, cpu, low, high in rows:
            print(f"| {n} | {float(wall):.2f} | {float(cpu):.2f} | {float(low):.2f} | {float(high):.2f} |")
        print()
