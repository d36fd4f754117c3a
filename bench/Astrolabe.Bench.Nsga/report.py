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
    """Per kind, one [trials, wall, cpu] per round (a round's file lines come in the order the rounds ran)."""
    rounds = {}
    with open(path) as f:
        for line in f:
            if line.strip():
                rounds.setdefault(line.split()[0], []).append([float(v) for v in line.split()[1:]])
    return rounds


def median(values):
    values = sorted(values)
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def quartiles(values):
    """The 25th and 75th percentiles (linear interpolation): the spread of the rounds' ratios."""
    values = sorted(values)

    def at(q):
        x = q * (len(values) - 1)
        i = int(x)
        return values[i] if i + 1 >= len(values) else values[i] + (x - i) * (values[i + 1] - values[i])

    return at(0.25), at(0.75)


if os.path.exists(f"{folder}/ours_cost") and os.path.exists(f"{folder}/peer_cost"):
    ours, theirs = read_cost(f"{folder}/ours_cost"), read_cost(f"{folder}/peer_cost")
    trials = int(ours["nsga2"][0][0])
    rounds = min(len(ours["nsga2"]), len(theirs["nsga2"]))
    print(f"Cost: a whole sequential study of {trials} ZDT1 trials (ask, 30 suggestions, tell; objective trivial) on one "
          f"core; {rounds} rounds, each running our side then Optuna's (each the median of its repeats); times are the "
          "medians over the rounds, ratios the median of the rounds' own ratios (so that the machine's load, which "
          "changes between rounds, falls on both sides of each). \"Sampler share\" is the NSGA-II study minus the same "
          "study with the random sampler (the study's own overhead on each side).")
    print()
    print("| | Astrolabe wall s | Astrolabe CPU s | Optuna wall s | Optuna CPU s | Optuna / Astrolabe (CPU), median (quartiles) |")
    print("|---|---|---|---|---|---|")

    def share(side, r):
        return max(side["nsga2"][r][2] - side["random"][r][2], 1e-9)

    for kind, label in (("nsga2", "NSGA-II study"), ("random", "random-sampler study")):
        a, b = ours[kind][:rounds], theirs[kind][:rounds]
        ratios = [b[r][2] / a[r][2] for r in range(rounds)]
        print(f"| {label} | {median(x[1] for x in a):.3f} | {median(x[2] for x in a):.3f} | {median(x[1] for x in b):.3f} | "
              f"{median(x[2] for x in b):.3f} | {median(ratios):.1f}× ({quartiles(ratios)[0]:.1f}–{quartiles(ratios)[1]:.1f}) |")
    ratios = [share(theirs, r) / share(ours, r) for r in range(rounds)]
    print(f"| sampler share | | {median(share(ours, r) for r in range(rounds)):.3f} | | "
          f"{median(share(theirs, r) for r in range(rounds)):.3f} | {median(ratios):.1f}× ({quartiles(ratios)[0]:.1f}–{quartiles(ratios)[1]:.1f}) |")
    print()
