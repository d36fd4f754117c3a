"""Optuna 3.1 on the same synthetic curves and the same configurations (enqueued in the same order, same
study names, so Hyperband puts every trial in the same bracket). Prints the lines Program.cs prints.
Usage: peer_pruning.py configs.json [epochs=27] [hyperband min resource=1]"""
import json
import math
import sys

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
MASK = (1 << 64) - 1
NOISE_SD = 0.4


def splitmix64(z):
    z = (z + 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def uniform(key):
    return ((splitmix64(key & MASK) >> 11) + 0.5) * (1.0 / (1 << 53))


def normal(key):
    u1, u2 = uniform(2 * key), uniform(2 * key + 1)
    return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)


def asymptote(lr, width, depth, dropout):
    u = math.log10(lr)
    q_lr = math.exp(-0.5 * math.pow((u + 2.2) / 0.8, 2))
    q_width = 1 - math.exp(-width / 64.0)
    q_dropout = 1 - (1.2 * (dropout - 0.2) * (dropout - 0.2))
    q_depth = {1: 0.97, 2: 1.0}.get(depth, 0.985)
    return 10 + (88 * q_lr * (0.7 + (0.3 * q_width)) * q_dropout * q_depth)


def rate(lr, depth, dropout):
    return (0.04 + (0.1 * (math.log10(lr) + 4))) / (1 + (0.25 * (depth - 1))) * (1 - (0.6 * dropout))


def accuracy(lr, width, depth, dropout, epoch, seed, trial):
    a = asymptote(lr, width, depth, dropout)
    clean = a - ((a - 10) * math.exp(-rate(lr, depth, dropout) * epoch))
    return clean + NOISE_SD * normal(seed * 1_000_003 + trial * 1_009 + epoch)


def main():
    configs = json.load(open(sys.argv[1]))
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 27
    min_resource = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    arms = [
        ("median", lambda: optuna.pruners.MedianPruner()),
        ("hyperband", lambda: optuna.pruners.HyperbandPruner(min_resource=min_resource, max_resource=epochs, reduction_factor=3)),
    ]
    for seed_text, trials in sorted(configs.items(), key=lambda kv: int(kv[0])):
        seed = int(seed_text)
        for name, create in arms:
            study = optuna.create_study(study_name=f"pruning-{seed}", direction="maximize",
                                        sampler=optuna.samplers.RandomSampler(seed=seed), pruner=create())
            for params in trials:
                study.enqueue_trial(params)

            def objective(trial):
                lr = trial.suggest_float("lr", 1e-4, 1, log=True)
                width = trial.suggest_int("width", 16, 512, log=True)
                depth = trial.suggest_int("depth", 1, 3)
                dropout = trial.suggest_float("dropout", 0, 0.5)
                acc = 0.0
                for epoch in range(1, epochs + 1):
                    acc = accuracy(lr, width, depth, dropout, epoch, seed, trial.number)
                    trial.report(acc, epoch)
                    if trial.should_prune():
                        raise optuna.TrialPruned()
                return acc

            study.optimize(objective, n_trials=len(trials))
            spent = sum(len(t.intermediate_values) for t in study.trials)
            pruned = [f"{t.number}@{t.last_step}" for t in study.trials if t.state == optuna.trial.TrialState.PRUNED]
            print(f"{name} {seed} {spent} {study.best_value:.4f} {len(pruned)} {','.join(pruned)}")


if __name__ == "__main__":
    main()
