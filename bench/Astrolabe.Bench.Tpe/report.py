"""Turns the raw outputs of run.sh into markdown tables: quality (median regret, Mann–Whitney U with Holm
correction, win/tie/loss) and cost (wall and CPU seconds, ratios), plus Astrolabe's per-trial growth."""
import collections
import statistics
import sys

from scipy.stats import mannwhitneyu

folder = sys.argv[1]


def read_quality(path):
    runs = collections.defaultdict(list)
    with open(path) as f:
        for line in f:
            problem, mode, _seed, budget, regret = line.split()
            runs[(problem, mode, int(budget))].append(max(float(regret), 0.0))
    return runs


ours = read_quality(f"{folder}/ours_q")
theirs = read_quality(f"{folder}/peer_q")
keys = [k for k in ours if k in theirs]
tests = []
for k in keys:
    a, b = ours[k], theirs[k]
    p = 1.0 if a == b else mannwhitneyu(a, b, alternative="two-sided").pvalue
    tests.append((k, p))

# Holm: sort p-values, compare the i-th smallest with alpha / (m - i), stop at the first that fails.
alpha, m = 0.05, len(tests)
significant = set()
for i, (k, p) in enumerate(sorted(tests, key=lambda t: t[1])):
    if p > alpha / (m - i):
        break
    significant.add(k)

counts = collections.Counter()
print(f"Quality: median best-found regret (lower is better), {len(next(iter(ours.values())))} seeds per side; "
      "Mann–Whitney U two-sided, Holm-corrected over all rows at 5%.")
print()
print("| problem | mode | trials | Astrolabe | Optuna 3.1 | p (raw) | result |")
print("|---|---|---|---|---|---|---|")
for (k, p) in sorted(tests):
    a, b = statistics.median(ours[k]), statistics.median(theirs[k])
    result = "tie"
    if k in significant:
        result = "win" if a < b else "loss"
    counts[result] += 1
    print(f"| {k[0]} | {k[1]} | {k[2]} | {a:.4g} | {b:.4g} | {p:.3g} | {result} |")
print()
print(f"Wins / ties / losses: {counts['win']} / {counts['tie']} / {counts['loss']}")
print()


import os

if not os.path.exists(f"{folder}/ours_cost") or not os.path.exists(f"{folder}/peer_cost"):
    sys.exit(0)


def read_cost(path):
    with open(path) as f:
        return {line.split()[0]: [float(x) for x in line.split()[1:]] for line in f if line.strip()}


oc, pc = read_cost(f"{folder}/ours_cost"), read_cost(f"{folder}/peer_cost")
print("Cost: 1 thread per side, trivial objective, 10 floats; seconds for the whole study (Astrolabe: median of 3; Optuna: 1 run).")
print()
print("| mode | Astrolabe wall | Optuna wall | wall ratio | Astrolabe CPU | Optuna CPU | CPU ratio |")
print("|---|---|---|---|---|---|---|")
for mode in ("univariate", "multivariate"):
    if mode in oc and mode in pc:
        (aw, ac), (pw, pcpu) = oc[mode], pc[mode]
        print(f"| {mode} | {aw:.2f} | {pw:.2f} | {pw / aw:.1f}× | {ac:.2f} | {pcpu:.2f} | {pcpu / ac:.1f}× |")
print()
print("Astrolabe, univariate, 10 floats: CPU milliseconds per trial (mean over the trials just before n).")
print()
print("| n | ms per trial | ratio to n = 1000 |")
print("|---|---|---|")
with open(f"{folder}/growth") as f:
    rows = [line.split() for line in f if line.strip()]
for n, ms in rows:
    print(f"| {n} | {float(ms):.3f} | {float(ms) / float(rows[0][1]):.2f} |")
