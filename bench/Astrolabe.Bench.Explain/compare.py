"""Compares Astrolabe's permutation importance with scikit-learn's permutation_importance.

For each dataset written by the C# side (Program.cs): rebuilds the same linear model from its exported weights and
preprocessing (evaluated in float32, as the network does) and checks
  1. that it predicts what our model predicted on the test rows;
  2. exact: sklearn's scorer on OUR row permutations gives our drops (same definition of the drop, mean, std);
  3. within noise: sklearn.inspection.permutation_importance with its own shuffles (same repeats, random_state = our seed) gives
     means whose difference from ours is within 3 standard errors, sqrt(std_ours²/R + std_sklearn²/R), per feature.
Usage: compare.py OUT_DIR
"""
import json
import sys

import numpy as np
import sklearn
from scipy.stats import spearmanr
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.inspection import permutation_importance
from sklearn.metrics import get_scorer


class ExportedLinear(BaseEstimator):
    def __init__(self, spec=None):
        self.spec = spec

    def fit(self, x, y):
        return self

    def outputs(self, x):
        s = self.spec
        scaled = (np.asarray(x, np.float32) - np.asarray(s["offset"], np.float32)) / np.asarray(s["scale"], np.float32)
        return scaled @ np.asarray(s["weight"], np.float32).T + np.asarray(s["bias"], np.float32)


class ExportedClassifier(ExportedLinear, ClassifierMixin):
    def predict(self, x):
        return np.argmax(self.outputs(x), axis=1).astype(float)


class ExportedRegressor(ExportedLinear, RegressorMixin):
    def predict(self, x):
        s = self.spec
        return self.outputs(x)[:, 0].astype(np.float64) * s["target_scale"] + s["target_offset"]


def compare(s):
    """One dataset and seed: (same predictions, exact diff, |mean diff| per feature, SE per feature, rho, same top)."""
    est = (ExportedClassifier if s["classification"] else ExportedRegressor)(s)
    x = np.asarray(s["x"], np.float64)
    y = np.asarray(s["y"], np.float64)
    scoring = "accuracy" if s["classification"] else "neg_root_mean_squared_error"
    scorer = get_scorer(scoring)
    r = s["repeats"]
    same = np.allclose(est.predict(x), s["predictions"], rtol=1e-4, atol=1e-3)
    base = scorer(est, x, y)
    exact = np.zeros((x.shape[1], r))
    for j in range(x.shape[1]):
        for k in range(r):
            xp = x.copy()
            xp[:, j] = x[np.asarray(s["permutations"][j][k]), j]
            exact[j, k] = base - scorer(est, xp, y)
    # Relative to the baseline score: our RMSE is taken from float32 outputs, sklearn's in float64.
    exact_diff = float(np.max(np.abs(exact - np.asarray(s["drops"])))) / abs(s["baseline"])
    theirs = permutation_importance(est, x, y, scoring=scoring, n_repeats=r, random_state=s["seed"])
    diff = np.abs(np.asarray(s["mean"]) - theirs.importances_mean)
    se = np.sqrt(np.asarray(s["std"]) ** 2 / r + theirs.importances_std ** 2 / r)
    rho = spearmanr(s["mean"], theirs.importances_mean).correlation
    top = int(np.argmax(s["mean"])) == int(np.argmax(theirs.importances_mean))
    return same, exact_diff, diff, se, rho, top


def main(folder, seeds):
    print(f"scikit-learn {sklearn.__version__}, NumPy {np.__version__}; seeds 0-{seeds - 1} (ours: PermutationImportance.Seed, sklearn: random_state)")
    print()
    print("| dataset | rows × features | metric, baseline | repeats | same predictions | exact on our permutations (max rel. diff) | median over seeds of max abs diff of means | (seed, feature) pairs within 2 / 3 SE | median Spearman of means | same top feature |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    ok = True
    for name in ["breast_cancer", "wine", "iris", "diabetes"]:
        runs = []
        for seed in range(seeds):
            with open(f"{folder}/{name}-{seed}.json") as f:
                s = json.load(f)
            runs.append(compare(s))
        same = all(r[0] for r in runs)
        exact_diff = max(r[1] for r in runs)
        max_diff = float(np.median([np.max(r[2]) for r in runs]))
        diffs = np.concatenate([r[2] for r in runs])
        ses = np.concatenate([np.where(r[3] > 0, r[3], 1e-12) for r in runs])
        within2 = int(np.sum(diffs <= 2 * ses + 1e-12))
        within3 = int(np.sum(diffs <= 3 * ses + 1e-12))
        rho = float(np.median([r[4] for r in runs]))
        tops = sum(r[5] for r in runs)
        metric = "accuracy" if s["classification"] else "rmse"
        print(f"| {name} | {len(s['x'])} × {len(s['x'][0])} | {metric} {s['baseline']:.4g} | {s['repeats']} | {'yes' if same else 'NO'} | {exact_diff:.1e} | {max_diff:.4f} | {within2} / {within3} of {len(diffs)} | {rho:.3f} | {tops} of {seeds} seeds |")
        # Within noise: at most 1 % of the pairs beyond 3 standard errors (0.3 % expected).
        ok = ok and same and exact_diff < 1e-6 and within3 >= 0.99 * len(diffs)
    print()
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5))
