"""Optuna 3.1 side of the CMA-ES benchmark.

quality <trials> <seed0> <seeds> <variant:filter>...: for each seed (outer loop, so a partial run still covers
  every problem), runs each variant on the problems whose names contain one of the comma-separated filter
  words (all problems when empty) and prints "problem variant seed best" lines; variant "default"
  (CmaEsSampler(seed=seed)) or "ipop" (restart_strategy="ipop").
cost <dims> <trials> <repeats>: prints "cost <dims> <median CPU seconds per trial> <median wall seconds per trial>"
  for a sphere objective.
"""
import logging
import statistics
import sys
import time
import warnings

import numpy as np
import optuna

from problems import problem_list

optuna.logging.set_verbosity(optuna.logging.WARNING)
logging.getLogger("optuna").setLevel(logging.WARNING)
warnings.filterwarnings("ignore")


def sampler(variant, seed):
    if variant == "ipop":
        return optuna.samplers.CmaEsSampler(seed=seed, restart_strategy="ipop")
    return optuna.samplers.CmaEsSampler(seed=seed)


def run(f, bounds, variant, seed, trials):
    def objective(trial):
        x = np.array([trial.suggest_float(f"x{i}", lo, hi) for i, (lo, hi) in enumerate(bounds)])
        return f(x)

    study = optuna.create_study(sampler=sampler(variant, seed))
    study.optimize(objective, n_trials=trials)
    return study.best_value


def quality(trials, seed0, seeds, specs):
    problems = problem_list()
    for seed in range(seed0, seed0 + seeds):
        for spec in specs:
            variant, _, pattern = spec.partition(":")
            for name, f, bounds in problems:
                if pattern and not any(p in name for p in pattern.split(",")):
                    continue
                print(f"{name} {variant} {seed} {run(f, bounds, variant, seed, trials)!r}", flush=True)


def cost(dims, trials, repeats):
    def objective(trial):
        return sum(trial.suggest_float(f"x{i}", -5, 5) ** 2 for i in range(dims))

    cpu, wall = [], []
    for r in range(repeats):
        study = optuna.create_study(sampler=optuna.samplers.CmaEsSampler(seed=r))
        cpu0, wall0 = time.process_time(), time.perf_counter()
        study.optimize(objective, n_trials=trials)
        cpu.append((time.process_time() - cpu0) / trials)
        wall.append((time.perf_counter() - wall0) / trials)
    print(f"cost {dims} {statistics.median(cpu)!r} {statistics.median(wall)!r}")


if __name__ == "__main__":
    if sys.argv[1] == "quality":
        quality(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:])
    else:
        cost(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
