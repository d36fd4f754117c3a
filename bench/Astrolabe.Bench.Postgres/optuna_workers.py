"""Optuna 3.1 RDBStorage throughput: N worker processes on one study, trivial objective, random sampler.

Usage: optuna_workers.py <postgresql+psycopg2 URL> <workers> <seconds>
Prints "workers trials span_s trials_per_s", the rate over the span from the first trial's start to the last
one's end (process start-up is not counted), as the Astrolabe side does.
"""
import multiprocessing as mp
import sys
import uuid

import optuna


def objective(trial):
    x = trial.suggest_float("x", -5, 5)
    return x * x


def work(url, name, seconds, seed):
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.load_study(study_name=name, storage=url, sampler=optuna.samplers.RandomSampler(seed=seed))
    study.optimize(objective, timeout=seconds)


def main():
    url, workers, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    name = f"bench-{workers}-{uuid.uuid4().hex}"
    optuna.create_study(study_name=name, storage=url)
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=work, args=(url, name, seconds, i)) for i in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
        if p.exitcode != 0:
            raise SystemExit(f"a worker exited with {p.exitcode}")
    study = optuna.load_study(study_name=name, storage=url)
    done = [t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    span = (max(t.datetime_complete for t in done) - min(t.datetime_start for t in done)).total_seconds()
    print(f"{workers} {len(done)} {span:.3f} {len(done) / span:.1f}")
    optuna.delete_study(study_name=name, storage=url)


if __name__ == "__main__":
    main()
