"""Optuna 3.1 + PyTorch side of the time-to-accuracy benchmark (TimeToAccuracy.cs).

Usage: peer_tta.py SPACE.json SEED THREADS TARGET MAX_TRIALS DATA_DIR
SPACE.json: a list the C# side wrote (`configs 0 MAX_EPOCHS 0 SPACE.json`), read for its space and maximum epochs.
A TPESampler(seed) + HyperbandPruner(1, max epochs, 3) search of that space, one trial at a time; every model that
finishes its epochs is scored on the test part, and the wall time from the search's start to the first model at or
above TARGET test accuracy is printed as one JSON line (the test score only measures; the search chooses and prunes
by validation accuracy).
"""
import json
import sys
import time

import optuna
import torch

import peer
import peer_models


def main(argv):
    space_path, seed, threads, target, max_trials, data_dir = (
        argv[1], int(argv[2]), int(argv[3]), float(argv[4]), int(argv[5]), argv[6])
    with open(space_path) as f:
        listed = json.load(f)
    space, max_epochs = listed["space"], listed["max_epochs"]
    torch.set_num_threads(threads)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    data = peer_models.load_mnist10k(data_dir)
    study = optuna.create_study(study_name=peer.STUDY_NAME, direction="maximize",
                                sampler=optuna.samplers.TPESampler(seed=seed),
                                pruner=optuna.pruners.HyperbandPruner(min_resource=1, max_resource=max_epochs, reduction_factor=3))
    state = {"epochs": 0, "reached": None, "best_test": 0.0}
    t0, c0 = time.perf_counter(), time.process_time()

    def objective(trial):
        config = peer.suggest(trial, space)

        def on_epoch(epoch, score):
            state["epochs"] += 1
            trial.report(score, epoch)
            if trial.should_prune():
                raise optuna.TrialPruned(f"pruned after epoch {epoch}")

        model, score = peer_models.fit(config, data["train"], data["validation"], peer.trial_seed(seed, trial.number), on_epoch)
        test = peer_models.accuracy(model, data["test"], config["batch_size"])
        state["best_test"] = max(state["best_test"], test)
        if test >= target:
            state["reached"] = (time.perf_counter() - t0, trial.number, test, config["family"])
        return score

    trials = 0
    while trials < max_trials and state["reached"] is None:
        study.optimize(objective, n_trials=1, catch=(peer_models.NonFiniteLoss,), gc_after_trial=True)
        trials += 1
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    reached = state["reached"]
    print(json.dumps({
        "side": "optuna+torch", "seed": seed, "threads": threads, "target": target, "reached": reached is not None,
        "seconds": reached[0] if reached else wall, "cpu_seconds": cpu, "trials": trials,
        "trial": reached[1] if reached else None, "test_acc": reached[2] if reached else state["best_test"],
        "family": reached[3] if reached else None, "epochs": state["epochs"],
    }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
