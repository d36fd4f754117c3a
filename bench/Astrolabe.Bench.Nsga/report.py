"""Turns the raw outputs of run.sh into markdown tables: quality (median final hypervolume, higher is better;
Mann–Whitney U two-sided with Holm correction over all rows at 5%, as the TPE and GP benches report) and cost.

  report.py <folder>    reads <folder>/ours_q and <folder>/peer_q (lines: problem seed budget hypervolume) and, when
                        present, <folder>/ours_cost and <folder>/peer_cost (lines: sampler trials wall-s cpu-s)
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
                problem, seed, budget, hv = line.split()
                runs[(problem, int(budget))][int(seed)] = float(hv)
    return runs


def holm(tests, alpha=0.05):
    """The keys whose p-values Holm's step-down procedure rejects at alpha."""
    significant = set()
    for i, (k, p) in enumerate(sorted(tests, key=lambda t: t[1])):
        if p > alpha / (len(tests) - i):
            break
        significant.add(k)
    return significant


if os.path.exists(f"{folder}/ours_q") and os.path.exists(f"{folder}/peer_q"):
    ours, theirs = read_quality(f"{folder}/ours_q"), read_quality(f"{folder}/peer_q")
    order = ["zdt1", "zdt2", "zdt3", "dtlz2", "c2dtlz2"]
    keys = sorted((k for k in ours if k in theirs), key=lambda k: (order.index(k[0]) if k[0] in order else 99, k[1]))
    tests = []
    for k in keys:
        a, b = list(ours[k].values()), list(theirs[k].values())
        p = 1.0 if sorted(a) == sorted(b) else mannwhitneyu(a, b, alternative="two-sided").pvalue
        tests.append((k, p))
    significant = holm(tests)
    seeds_a = sorted({len(v) for v in ours.values()})
    seeds_b = sorted({len(v) for v in theirs.values()})
    print(f"Quality: median hypervolume (higher is better), Astrolabe NsgaIISampler ({'/'.join(map(str, seeds_a))} seeds) "
          f"against Optuna 3.1 NSGAIISampler ({'/'.join(map(str, seeds_b))} seeds), both with default options; "
          "Mann–Whitney U two-sided, Holm-corrected over all rows at 5%.")
    print()
    print("| problem | trials | Astrolabe | Optuna | p (raw) | result |")
    print("|---|---|---|---|---|---|")
    counts = collections.Counter()
    for k, p in tests:
        a, b = statistics.median(ours[k].values()), statistics.median(theirs[k].values())
        result = ("win" if a > b else "loss") if k in significant else "tie"
        counts[result] += 1
        print(f"| {k[0]} | {k[1]} | {a:.4f} | {b:.4f} | {p:.3g} | {result} |")
    print()
    print(f"Wins / ties / losses: {counts['win']} / {counts['tie']} / {counts['loss']} over {len(tests)} rows")
    print()


def read_cost(path):
    with open(path) as f:
        return {line.split()[0]: [float(v) for v in line.split()[1:]] for line in f if line.strip()}


if os.path.exists(f"{folder}/ours_cost") and os.path.exists(f"{folder}/peer_cost"):
    ours, theirs = read_cost(f"{folder}/ours_cost"), read_cost(f"{folder}/peer_cost")
    trials = int(ours["nsga2"][0])
    print(f"Cost: a whole sequential study of {trials} ZDT1 trials (ask, 30 suggestions, tell; objective trivial) on one "
          "core, median of the repeats; \"sampler share\" is the NSGA-II study minus the same study with the random "
          "sampler (the study's own overhead on each side).")
    print()
    print("| | Astrolabe wall s | Astrolabe CPU s | Optuna wall s | Optuna CPU s | Optuna / Astrolabe (CPU) |")
    print("|---|---|---|---|---|---|")
    for kind, label in (("nsga2", "NSGA-II study"), ("random", "random-sampler study")):
        a, b = ours[kind], theirs[kind]
        print(f"| {label} | {a[1]:.3f} | {a[2]:.3f} | {b[1]:.3f} | {b[2]:.3f} | {b[2] / a[2]:.1f}× |")
    share_a = max(ours["nsga2"][2] - ours["random"][2], 1e-9)
    share_b = theirs["nsga2"][2] - theirs["random"][2]
    print(f"| sampler share | | {share_a:.3f} | | {share_b:.3f} | {share_b / share_a:.1f}× |")
    print()
