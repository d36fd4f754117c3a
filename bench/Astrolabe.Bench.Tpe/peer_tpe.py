"""Optuna 3.1 side of the TPE benchmark; the same problems, modes and output lines as Program.cs.

  quality <maxTrials> <firstSeed> <seeds> <budgets,...> [problem prefixes, comma-separated]
      one line per run and budget: problem mode seed budget regret
  cost <trials> <params> [univariate|multivariate|both] [repeats]
      one line per mode (or only the mode named): mode median-wall-seconds median-cpu-seconds
"""
import logging
import math
import statistics
import sys
import time
import warnings

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
logging.getLogger("optuna").setLevel(logging.WARNING)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)


def floats(t, d, low, high):
    return [t.suggest_float(f"x{i}", low, high) for i in range(d)]


def rotate(x):
    z = list(x)
    c, s = math.cos(math.pi / 6), math.sin(math.pi / 6)
    for i in range(len(z) - 1):
        z[i], z[i + 1] = c * z[i] - s * z[i + 1], s * z[i] + c * z[i + 1]
    return z


def ellipsoid(z):
    return sum(10 ** (3.0 * i / (len(z) - 1)) * v * v for i, v in enumerate(z))


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(len(x) - 1))


def ackley(x):
    d = len(x)
    return (-20 * math.exp(-0.2 * math.sqrt(sum(v * v for v in x) / d))
            - math.exp(sum(math.cos(2 * math.pi * v) for v in x) / d) + 20 + math.e)


def branin(x, y):
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (y - b * x * x + c * x - 6) ** 2 + 10 * (1 - t) * math.cos(x) + 10


H_ALPHA = [1.0, 1.2, 3.0, 3.2]
H_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
H_P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
       [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]


def hartmann6(x):
    return -sum(H_ALPHA[i] * math.exp(-sum(H_A[i][j] * (x[j] - H_P[i][j]) ** 2 for j in range(6))) for i in range(4))


def levy(x):
    w = [1 + (v - 1) / 4 for v in x]
    s = math.sin(math.pi * w[0]) ** 2 + (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2)
    return s + sum((wi - 1) ** 2 * (1 + 10 * math.sin(math.pi * wi + 1) ** 2) for wi in w[:-1])


def mixed(t):
    f = sum((t.suggest_int(f"n{i}", -10, 10) - 3) ** 2 for i in range(3))
    f += sum((t.suggest_float(f"x{i}", -5, 5) - 1) ** 2 for i in range(2))
    f += (math.log10(t.suggest_float("lr", 1e-5, 1, log=True)) + 3) ** 2
    return f + {"a": 2, "b": 0, "c": 1, "d": 3}[t.suggest_categorical("c", ["a", "b", "c", "d"])]


def conditional(t):
    model = t.suggest_categorical("model", ["a", "b", "c"])
    if model == "a":
        return 1 + t.suggest_float("a_x", -5, 5) ** 2 + t.suggest_float("a_y", -5, 5) ** 2
    if model == "b":
        return sum((t.suggest_float(f"b_u{i}", -5, 5) - 2) ** 2 for i in range(3))
    return 0.5 + (t.suggest_int("c_k", 1, 20) - 7) ** 2 / 10 + (t.suggest_float("c_z", -5, 5) + 1) ** 2


PROBLEMS = [
    ("sphere-10", 0.0, lambda t: sum(v * v for v in floats(t, 10, -5, 5))),
    ("sphere-20", 0.0, lambda t: sum(v * v for v in floats(t, 20, -5, 5))),
    ("rotated-ellipsoid-5", 0.0, lambda t: ellipsoid(rotate(floats(t, 5, -5, 5)))),
    ("rosenbrock-4", 0.0, lambda t: rosenbrock(floats(t, 4, -2, 2))),
    ("rastrigin-5", 0.0, lambda t: sum(v * v - 10 * math.cos(2 * math.pi * v) + 10 for v in floats(t, 5, -5.12, 5.12))),
    ("rastrigin-20", 0.0, lambda t: sum(v * v - 10 * math.cos(2 * math.pi * v) + 10 for v in floats(t, 20, -5.12, 5.12))),
    ("ackley-5", 0.0, lambda t: ackley(floats(t, 5, -32.768, 32.768))),
    ("styblinski-tang-5", -39.16616570377142 * 5, lambda t: sum((v ** 4 - 16 * v * v + 5 * v) / 2 for v in floats(t, 5, -5, 5))),
    ("branin-2", 0.397887357729738, lambda t: branin(t.suggest_float("x0", -5, 10), t.suggest_float("x1", 0, 15))),
    ("hartmann-6", -3.32236801141551, lambda t: hartmann6(floats(t, 6, 0, 1))),
    ("levy-5", 0.0, lambda t: levy(floats(t, 5, -10, 10))),
    ("mixed-7", 0.0, mixed),
    ("conditional-3", 0.0, conditional),
]


def modes_of(name):
    if name.startswith("mixed") or name.startswith("conditional"):
        return ["default", "multivariate", "group"]
    return ["default", "multivariate"]


def sampler(mode, seed):
    return optuna.samplers.TPESampler(
        seed=seed, multivariate=mode != "default", group=mode == "group", warn_independent_sampling=False
    )


def quality(max_trials, first_seed, seeds, budgets, only):
    for name, optimum, objective in PROBLEMS:
        if not any(name.startswith(prefix) for prefix in only.split(",")):
            continue
        for mode in modes_of(name):
            for seed in range(first_seed, first_seed + seeds):
                study = optuna.create_study(sampler=sampler(mode, seed))
                study.optimize(objective, n_trials=max_trials)
                values = [t.value for t in study.trials]
                for b in budgets:
                    if b <= max_trials:
                        print(f"{name} {mode} {seed} {b} {min(values[:b]) - optimum!r}", flush=True)


def time_run(trials, params, multivariate):
    names = [f"x{i}" for i in range(params)]
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=1, multivariate=multivariate))
    start, cpu = time.perf_counter(), time.process_time()
    study.optimize(lambda t: sum(t.suggest_float(n, -5, 5) ** 2 for n in names), n_trials=trials)
    return time.perf_counter() - start, time.process_time() - cpu


def main(argv):
    command = argv[1] if len(argv) > 1 else "quality"
    arg = lambda i, d: int(argv[i]) if len(argv) > i else d
    if command == "quality":
        budgets = [int(b) for b in (argv[5] if len(argv) > 5 else "100,300").split(",")]
        quality(arg(2, 300), arg(3, 0), arg(4, 20), budgets, argv[6] if len(argv) > 6 else "")
    elif command == "cost":
        mode = argv[4] if len(argv) > 4 else "both"
        for multivariate in (False, True):
            label = "multivariate" if multivariate else "univariate"
            if mode in ("both", label):
                runs = [time_run(arg(2, 1000), arg(3, 10), multivariate) for _ in range(arg(5, 1))]
                wall = statistics.median(r[0] for r in runs)
                cpu = statistics.median(r[1] for r in runs)
                print(f"{label} {wall:.4f} {cpu:.4f}", flush=True)
    else:
        sys.exit(f"Unknown command '{command}': use quality or cost.")


if __name__ == "__main__":
    main(sys.argv)
