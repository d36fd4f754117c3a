"""Optuna 3.1 side of the study benchmark: N random-sampler trials with P float parameters.

Prints one line per storage: "<storage> <median seconds> <all runs>", like the .NET side.
"""
import logging
import os
import statistics
import sys
import tempfile
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
logging.getLogger("optuna").setLevel(logging.WARNING)

trials = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
params = int(sys.argv[2]) if len(sys.argv) > 2 else 10
repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
names = [f"x{i}" for i in range(params)]


def objective(trial):
    return sum(trial.suggest_float(n, -5, 5) ** 2 for n in names)


def run(storage, n):
    study = optuna.create_study(storage=storage, sampler=optuna.samplers.RandomSampler(seed=1))
    start = time.perf_counter()
    study.optimize(objective, n_trials=n)
    elapsed = time.perf_counter() - start
    assert len(study.trials) == n
    return elapsed


folder = tempfile.mkdtemp(prefix="optuna-bench-")
counter = iter(range(1_000_000))


def sqlite():
    return f"sqlite:///{os.path.join(folder, f'bench{next(counter)}.db')}"


run(None, 50)
for label, storage, reps in (("memory", lambda: None, repeats), ("sqlite", sqlite, max(1, repeats - 2))):
    runs = sorted(run(storage(), trials) for _ in range(reps))
    print(f"{label} {statistics.median(runs):.4f} {','.join(f'{r:.4f}' for r in runs)}")
