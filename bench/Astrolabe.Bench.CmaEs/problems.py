"""The benchmark problems, defined exactly as in Problems.cs (same names, bounds and optima)."""
import math

import numpy as np


def sphere(x):
    return float(np.sum(x * x))


def _rotation(n):
    # The fixed rotation of Problems.cs: a product of Givens rotations by 0.5 rad over consecutive pairs.
    r = np.eye(n)
    for i in range(n - 1):
        g = np.eye(n)
        c, s = math.cos(0.5), math.sin(0.5)
        g[i, i], g[i, i + 1], g[i + 1, i], g[i + 1, i + 1] = c, -s, s, c
        r = g @ r
    return r


_rot = {}


def rotated_ellipsoid(x):
    n = len(x)
    if n not in _rot:
        _rot[n] = _rotation(n)
    y = _rot[n] @ x
    w = np.array([1e6 ** (i / (n - 1)) for i in range(n)])
    return float(np.sum(w * y * y))


def rosenbrock(x):
    return float(np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2))


def rastrigin(x):
    return float(10 * len(x) + np.sum(x * x - 10 * np.cos(2 * math.pi * x)))


def ackley(x):
    n = len(x)
    return float(-20 * math.exp(-0.2 * math.sqrt(np.sum(x * x) / n)) - math.exp(np.sum(np.cos(2 * math.pi * x)) / n) + 20 + math.e)


def styblinski_tang(x):
    return float(np.sum(x ** 4 - 16 * x * x + 5 * x) / 2 + 39.16616570377142 * len(x))


def levy(x):
    w = 1 + (x - 1) / 4
    head = math.sin(math.pi * w[0]) ** 2
    mid = np.sum((w[:-1] - 1) ** 2 * (1 + 10 * np.sin(math.pi * w[:-1] + 1) ** 2))
    tail = (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2)
    return float(head + mid + tail)


def branin(x):
    a, b, c, r, s, t = 1, 5.1 / (4 * math.pi ** 2), 5 / math.pi, 6, 10, 1 / (8 * math.pi)
    return float(a * (x[1] - b * x[0] ** 2 + c * x[0] - r) ** 2 + s * (1 - t) * math.cos(x[0]) + s - 0.39788735772973816)


_H_A = np.array([[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]])
_H_P = 1e-4 * np.array([[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
                        [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]])
_H_ALPHA = np.array([1.0, 1.2, 3.0, 3.2])


def hartmann6(x):
    return float(-np.sum(_H_ALPHA * np.exp(-np.sum(_H_A * (x - _H_P) ** 2, axis=1))) + 3.322368011415515)


# name -> (function, low, high); every optimum value is 0 (regret = value).
FAMILIES = {
    "sphere": (sphere, -5.0, 5.0),
    "rotated_ellipsoid": (rotated_ellipsoid, -5.0, 5.0),
    "rosenbrock": (rosenbrock, -2.048, 2.048),
    "rastrigin": (rastrigin, -5.12, 5.12),
    "ackley": (ackley, -32.768, 32.768),
    "styblinski_tang": (styblinski_tang, -5.0, 5.0),
    "levy": (levy, -10.0, 10.0),
}
DIMS = [2, 5, 10, 20]


def problem_list():
    out = [(f"{name}-{d}", f, [(lo, hi)] * d) for name, (f, lo, hi) in FAMILIES.items() for d in DIMS]
    out.append(("branin-2", branin, [(-5.0, 10.0), (0.0, 15.0)]))
    out.append(("hartmann6-6", hartmann6, [(0.0, 1.0)] * 6))
    return out
