"""Turns the lines of Program.cs (Astrolabe) and peer_pruning.py (Optuna) into Markdown tables.
Usage: summarize.py ours.txt theirs.txt"""
import statistics
import sys


def read(path):
    runs = {}
    for line in open(path):
        parts = line.split()
        arm, seed, epochs, best, count = parts[0], int(parts[1]), int(parts[2]), float(parts[3]), int(parts[4])
        pruned = parts[5] if len(parts) > 5 else ""
        runs[(arm, seed)] = (epochs, best, count, pruned)
    return runs


ours, theirs = read(sys.argv[1]), read(sys.argv[2])
seeds = sorted({s for _, s in ours})
arms = ["none", "median", "hyperband"]
full = statistics.median(ours[("none", s)][0] for s in seeds)
print(f"{len(seeds)} seeds; medians over seeds; gap = unpruned best − arm best, paired by seed.")
print()
print("| arm | epochs (median) | fraction of unpruned | best accuracy (median) | unpruned median − this median | gap (median) | gap (max) | seeds with gap > 0.5 |")
print("|---|---|---|---|---|---|---|---|")
unpruned = statistics.median(ours[("none", s)][1] for s in seeds)
for arm in arms:
    epochs = statistics.median(ours[(arm, s)][0] for s in seeds)
    best = statistics.median(ours[(arm, s)][1] for s in seeds)
    gaps = [ours[("none", s)][1] - ours[(arm, s)][1] for s in seeds]
    print(f"| {arm} | {epochs:.0f} | {epochs / full:.3f} | {best:.2f} | {unpruned - best:.3f} | {statistics.median(gaps):.2f} | {max(gaps):.2f} | {sum(g > 0.5 for g in gaps)} of {len(seeds)} |")
print()
same = [(a, s) for a in ["median", "hyperband"] for s in seeds if ours[(a, s)][3] == theirs.get((a, s), (0, 0, 0, None))[3]]
print(f"Optuna 3.1 on the same enqueued configurations and curves pruned exactly the same trials at the same epochs in "
      f"{len(same)} of {2 * len(seeds)} (arm, seed) runs.")
print()
print("| seed | unpruned: epochs, best | median: epochs, best | hyperband: epochs, best |")
print("|---|---|---|---|")
for s in seeds:
    cells = [f"{ours[(a, s)][0]}, {ours[(a, s)][1]:.2f}" for a in arms]
    print(f"| {s} | " + " | ".join(cells) + " |")
