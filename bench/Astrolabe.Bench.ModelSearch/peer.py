"""Optuna 3.1 + PyTorch side of the model-search benchmark.

Usage: peer.py LIST.json SEED THREADS DATA_DIR
Reads the list the C# side drew, enqueues every configuration's parameters in an in-memory study (TPESampler(seed),
HyperbandPruner(1, max epochs, 3), the same study name), runs one trial per listed configuration (the objective
draws the model with the same suggest calls as ModelSpace.Suggest, checks it against the list, trains it and
reports validation accuracy per epoch), then retrains the best configuration on train + validation and scores it
on the test part. Prints one JSON line with the keys of the C# side's SearchResult.
"""
import json
import math
import sys
import time

import optuna
import torch

import peer_models

STUDY_NAME = "model-search-bench"  # BenchSpace.StudyName: Hyperband's brackets hash (study name, trial number)


def choose(trial, name, choices):
    return choices[0] if len(choices) == 1 else trial.suggest_categorical(name, choices)


def integer(trial, name, low, high, log=False):
    return low if low == high else trial.suggest_int(name, low, high, log=log)


def suggest(trial, s, input_shape=(1, 28, 28)):
    """ModelSpace.Suggest with the ranges of the list's `space` (ModelSpaceOptions)."""
    families = s["families"] if len(input_shape) == 3 else [f for f in s["families"] if f != "cnn"]
    family = choose(trial, "family", families)
    channels = []
    if family == "cnn":
        fit = math.floor(math.log2(min(input_shape[1], input_shape[2]) / 2.0))
        blocks = integer(trial, "cnn_blocks", min(s["min_blocks"], max(1, fit)), min(s["max_blocks"], max(1, fit)))
        channels = [integer(trial, f"cnn_channels_l{i}", s["min_channels"], s["max_channels"], log=True) for i in range(blocks)]
        hidden = [integer(trial, "cnn_dense_units", s["min_units"], s["max_units"], log=True)]
    else:
        layers = integer(trial, "mlp_layers", s["min_layers"], s["max_layers"])
        hidden = [integer(trial, f"mlp_units_l{i}", s["min_units"], s["max_units"], log=True) for i in range(layers)]
    activation = choose(trial, "activation", s["activations"])
    dropout = trial.suggest_float("dropout", 0, s["max_dropout"]) if s["max_dropout"] > 0 else 0.0
    normalization = choose(trial, "normalization", s["normalizations"])
    opt = choose(trial, "optimizer", s["optimizers"])
    lo, hi = s["min_learning_rate"], s["max_learning_rate"]
    lr = lo if lo == hi else trial.suggest_float("lr", lo, hi, log=True)
    momentum = trial.suggest_float("momentum", 0, 0.95) if opt == "sgd" else 0.0
    pen = choose(trial, "penalty", s["penalties"])
    strength = {"weight_decay": (1e-6, 1e-2), "l1": (1e-7, 1e-4), "l2": (1e-6, 1e-3)}.get(pen)
    return {
        "family": family, "hidden": hidden, "channels": channels, "activation": activation, "dropout": dropout,
        "normalization": normalization, "optimizer": opt, "learning_rate": lr, "momentum": momentum, "penalty": pen,
        "regularization": trial.suggest_float(pen, *strength, log=True) if strength else 0.0,
        "batch_size": choose(trial, "batch_size", s["batch_sizes"]),
        "clip_norm": choose(trial, "clip_norm", [float(c) for c in s["clip_norms"]]),
        "schedule": choose(trial, "schedule", s["schedules"]),
        "epochs": integer(trial, "epochs", s["min_epochs"], s["max_epochs"]),
    }


def trial_seed(seed, number):
    """ModelObjective.TrialSeed."""
    return seed * 1_000_003 + number


def outcome(t):
    values = [t.intermediate_values[k] for k in sorted(t.intermediate_values)]
    return {"number": t.number, "family": json.loads(t.user_attrs["model"])["family"], "state": t.state.name.lower(),
            "epochs": len(values), "seconds": t.duration.total_seconds(),
            "first_value": values[0] if values else None, "last_value": values[-1] if values else None}


def main(argv):
    list_path, seed, threads, data_dir = argv[1], int(argv[2]), int(argv[3]), argv[4]
    torch.set_num_threads(threads)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    with open(list_path) as f:
        listed = json.load(f)
    space, configs, max_epochs = listed["space"], listed["configs"], listed["max_epochs"]
    t0 = time.perf_counter()
    data = peer_models.load_mnist10k(data_dir)
    load_seconds = time.perf_counter() - t0

    def objective(trial):
        config = suggest(trial, space)
        want = configs[trial.number]["model"]
        if config != want:
            raise RuntimeError(f"trial {trial.number} drew {config}, the list holds {want}")
        trial.set_user_attr("model", json.dumps(config))

        def on_epoch(epoch, score):
            trial.report(score, epoch)
            if trial.should_prune():
                raise optuna.TrialPruned(f"pruned after epoch {epoch}")

        return peer_models.fit(config, data["train"], data["validation"], trial_seed(seed, trial.number), on_epoch)[1]

    study = optuna.create_study(study_name=STUDY_NAME, direction="maximize",
                                sampler=optuna.samplers.TPESampler(seed=seed),
                                pruner=optuna.pruners.HyperbandPruner(min_resource=1, max_resource=max_epochs, reduction_factor=3))
    for c in configs:
        study.enqueue_trial(c["params"])
    c0, t0 = time.process_time(), time.perf_counter()
    study.optimize(objective, n_trials=len(configs), catch=(peer_models.NonFiniteLoss,))
    search_seconds, search_cpu = time.perf_counter() - t0, time.process_time() - c0
    trials = sorted(study.trials, key=lambda t: t.number)

    best = study.best_trial
    train_x, train_y = data["train"]
    val_x, val_y = data["validation"]
    both = (torch.cat([train_x, val_x]), torch.cat([train_y, val_y]))
    c0, t0 = time.process_time(), time.perf_counter()
    model, _ = peer_models.fit(json.loads(best.user_attrs["model"]), both, None, trial_seed(seed, best.number))
    test = peer_models.accuracy(model, data["test"], json.loads(best.user_attrs["model"])["batch_size"])
    final_seconds, final_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({
        "side": "optuna+torch", "version": f"Optuna {optuna.__version__}, PyTorch {torch.__version__}", "seed": seed,
        "threads": threads, "trials": len(trials), "max_epochs": max_epochs, "load_seconds": load_seconds,
        "search_seconds": search_seconds, "search_cpu_seconds": search_cpu, "final_seconds": final_seconds,
        "final_cpu_seconds": final_cpu, "best_trial": best.number, "best_val_acc": best.value, "test_acc": test,
        "pruned": sum(t.state == optuna.trial.TrialState.PRUNED for t in trials),
        "failed": sum(t.state == optuna.trial.TrialState.FAIL for t in trials),
        "epochs": sum(len(t.intermediate_values) for t in trials), "trial_outcomes": [outcome(t) for t in trials],
    }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
