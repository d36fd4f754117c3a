"""Optuna 3.1 side of the GP benchmark: the TPE bench's problems (imported from peer_tpe.py, so both benches search
the same spaces), each run with Optuna's multivariate TPESampler (Optuna 3.1 has no GPSampler).

  quality <maxTrials> <firstSeed> <seeds> <budgets,...> [problem prefixes, comma-separated]
      one line per run and budget: problem seed budget regret
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Astrolabe.Bench.Tpe"))

import optuna  # noqa: E402
from peer_tpe import PROBLEMS  # noqa: E402  (also sets Optuna's logging to WARNING)


def quality(max_trials, first_seed, seeds, budgets, only):
    for name, optimum, objective in PROBLEMS:
        if not any(name.startswith(prefix) for prefix in only.split(",")):
            continue
        for seed in range(first_seed, first_seed + seeds):
            sampler = optuna.samplers.TPESampler(seed=seed, multivariate=True, warn_independent_sampling=False)
            study = optuna.create_study(sampler=sampler)
            study.optimize(objective, n_trials=max_trials)
            values = [t.value for t in study.trials]
            for b in budgets:
                if b <= max_trials:
                    print(f"{name} {seed} {b} {min(values[:b]) - optimum!r}", flush=True)


def main(argv):
    command = argv[1] if len(argv) > 1 else "quality"
    arg = lambda i, d: int(argv[i]) if len(argv) > i else d
    if command == "quality":
        budgets = [int(b) for b in (argv[5] if len(argv) > 5 else "25,50").split(",")]
        quality(arg(2, 50), arg(3, 0), arg(4, 20), budgets, argv[6] if len(argv) > 6 else "")
    else:
        sys.exit(f"Unknown command '{command}': use quality.")


if __name__ == "__main__":
    main(sys.argv)
