"""Optuna 3.1 side of the NSGA benchmark: the same problems, reference points and output lines as Program.cs.

  quality <trials> <firstSeed> <seeds> <budgets,...> [problems, comma-separated]
      one line per run and budget: problem seed budget hypervolume (Optuna's NSGAIISampler with its defaults)
  cost <trials> <repeats>
      one line per sampler (nsga2, random): sampler trials median-wall-seconds median-cpu-seconds
"""
import logging
import math
import statistics
import sys
import time
import warnings

import numpy as np
import optuna
from optuna._hypervolume import WFG

optuna.logging.set_verbosity(optuna.logging.WARNING)
logging.getLogger("optuna").setLevel(logging.WARNING)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)


def floats(t, n):
    return [t.suggest_float(f"x{i}", 0, 1) for i in range(n)]


def zdt(x, h):
    g = 1 + 9 * sum(x[1:]) / (len(x) - 1)
    return [x[0], g * h(x[0], g)]


def dtlz2(x):
    g = sum((v - 0.5) ** 2 for v in x[2:])
    a, b = x[0] * math.pi / 2, x[1] * math.pi / 2
    return [(1 + g) * math.cos(a) * math.cos(b), (1 + g) * math.cos(a) * math.sin(b), (1 + g) * math.sin(a)]


def c2(f, r=0.4):
    squares = sum(v * v for v in f)
    corners = min((f[i] - 1) ** 2 + (squares - f[i] ** 2) - r * r for i in range(len(f)))
    a = 1 / math.sqrt(len(f))
    centre = sum((v - a) ** 2 for v in f) - r * r
    return [min(corners, centre)]


PROBLEMS = [
    ("zdt1", lambda t: zdt(floats(t, 30), lambda f1, g: 1 - math.sqrt(f1 / g)), 2, [1.1, 11], None),
    ("zdt2", lambda t: zdt(floats(t, 30), lambda f1, g: 1 - (f1 / g) ** 2), 2, [1.1, 11], None),
    ("zdt3", lambda t: zdt(floats(t, 30), lambda f1, g: 1 - math.sqrt(f1 / g) - f1 / g * math.sin(10 * math.pi * f1)), 2, [1.1, 11], None),
    ("dtlz2", lambda t: dtlz2(floats(t, 12)), 3, [2.5, 2.5, 2.5], None),
    ("c2dtlz2", lambda t: dtlz2(floats(t, 12)), 3, [2.5, 2.5, 2.5], c2),
]


def run(problem, sampler, trials):
    name, objective, count, reference, constraints = problem

    def constrained(t):
        # Optuna 3.1 calls constraints_func before the trial's values are stored: they travel as a user attribute.
        values = objective(t)
        t.set_user_attr("constraints", constraints(values))
        return values

    study = optuna.create_study(sampler=sampler, directions=["minimize"] * count)
    study.optimize(constrained if constraints else objective, n_trials=trials)
    return study


def nsga2(seed, problem):
    func = (lambda t: t.user_attrs["constraints"]) if problem[4] else None
    return optuna.samplers.NSGAIISampler(seed=seed, constraints_func=func)


def hypervolume(points, reference):
    """Optuna's WFG on the non-dominated points below the reference (the same volume; Optuna 3.1's WFG takes
    minutes on a thousand dominated three-objective points)."""
    ref = np.array(reference, dtype=float)
    inside = np.array([p for p in points if all(v < r for v, r in zip(p, reference))], dtype=float)
    if len(inside) == 0:
        return 0.0
    front = inside[[not np.any(np.all(inside <= p, axis=1) & np.any(inside < p, axis=1)) for p in inside]]
    return float(WFG().compute(np.unique(front, axis=0), ref))


def quality(trials, first_seed, seeds, budgets, names):
    for problem in PROBLEMS:
        name, _, _, reference, constraints = problem
        if name not in names:
            continue
        for seed in range(first_seed, first_seed + seeds):
            complete = [t for t in run(problem, nsga2(seed, problem), trials).trials if t.state == optuna.trial.TrialState.COMPLETE]
            for b in budgets:
                if b <= trials:
                    points = [t.values for t in complete[:b] if constraints is None or all(v <= 0 for v in constraints(t.values))]
                    print(f"{name} {seed} {b} {hypervolume(points, reference)!r}", flush=True)


def cost(trials, repeats):
    zdt1 = PROBLEMS[0]
    # A first study of each kind, not measured (both sides warm up the same way; ours compiles its code then).
    run(zdt1, nsga2(0, zdt1), trials)
    run(zdt1, optuna.samplers.RandomSampler(seed=0), trials)
    for kind in ("nsga2", "random"):
        wall, cpu = [], []
        for r in range(repeats):
            sampler = nsga2(r, zdt1) if kind == "nsga2" else optuna.samplers.RandomSampler(seed=r)
            c0, w0 = time.process_time(), time.perf_counter()
            run(zdt1, sampler, trials)
            wall.append(time.perf_counter() - w0)
            cpu.append(time.process_time() - c0)
        print(f"{kind} {trials} {statistics.median(wall):.4f} {statistics.median(cpu):.4f}", flush=True)


def main(argv):
    command = argv[1] if len(argv) > 1 else "quality"
    arg = lambda i, d: int(argv[i]) if len(argv) > i else d
    if command == "quality":
        budgets = [int(b) for b in (argv[5] if len(argv) > 5 else "500,1000").split(",")]
        names = argv[6].split(",") if len(argv) > 6 and argv[6] else [p[0] for p in PROBLEMS]
        quality(arg(2, 1000), arg(3, 0), arg(4, 20), budgets, names)
    elif command == "cost":
        cost(arg(2, 1000), arg(3, 3))
    else:
        sys.exit(f"Unknown command '{command}': use quality or cost.")


if __name__ == "__main__":
    main(sys.argv)
