"""Optuna side of the importance benchmark: judges the trials Astrolabe's side wrote (Program.cs, `trials <dir>`),
rebuilt as a study with optuna.trial.create_trial, with Optuna's FanovaImportanceEvaluator and
MeanDecreaseImpurityImportanceEvaluator (Optuna 3.1 has no PED-ANOVA).

  peer_importance.py <dir> <seeds> [<speed seeds>]
      one line "problem method seed param importance" per parameter and "time problem method seed seconds" per
      evaluation (one thread), the same format as the C# side; the 1,000-trial problem is judged with <speed seeds>
      seeds (default: <seeds>), as one fANOVA evaluation of it takes minutes.
"""
import json
import os
import sys
import time

import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution

optuna.logging.set_verbosity(optuna.logging.WARNING)
PROBLEMS = ["dominant", "interaction", "mixed", "speed-1000x10"]


def distribution(d):
    if d["type"] == "float":
        return FloatDistribution(d["low"], d["high"], log=d["log"])
    if d["type"] == "int":
        return IntDistribution(d["low"], d["high"], log=d["log"])
    return CategoricalDistribution(d["choices"])


def load(path):
    with open(path) as f:
        data = json.load(f)
    dists = {name: distribution(d) for name, d in data["distributions"].items()}
    study = optuna.create_study()
    study.add_trials(
        optuna.trial.create_trial(params=t["params"], distributions=dists, value=t["value"]) for t in data["trials"]
    )
    return study


def main(argv):
    folder, seeds = argv[1], int(argv[2])
    speed_seeds = int(argv[3]) if len(argv) > 3 else seeds
    for problem in PROBLEMS:
        study = load(os.path.join(folder, problem + ".json"))
        n = speed_seeds if problem.startswith("speed") else seeds
        methods = [
            ("fanova", lambda s: optuna.importance.FanovaImportanceEvaluator(seed=s)),
            ("mdi", lambda s: optuna.importance.MeanDecreaseImpurityImportanceEvaluator(seed=s)),
        ]
        for name, create in methods:
            for seed in range(n):
                start = time.perf_counter()
                importances = optuna.importance.get_param_importances(study, evaluator=create(seed))
                seconds = time.perf_counter() - start
                for param, value in importances.items():
                    print(f"{problem} {name} {seed} {param} {value!r}", flush=True)
                print(f"time {problem} {name} {seed} {seconds!r}", flush=True)


if __name__ == "__main__":
    main(sys.argv)
