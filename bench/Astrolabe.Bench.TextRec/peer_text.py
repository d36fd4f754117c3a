"""Peer baseline for the austen text task: scikit-learn TF-IDF + logistic regression.

Hyperparameters (C, n-gram range, min_df) are chosen by accuracy on the validation part of data/austen.tsv.gz (ties:
the first in grid order); the chosen model, trained on the training part only, is scored once on the test part.
Prints one JSON line. Usage: peer_text.py [data folder]
"""
import csv
import gzip
import itertools
import json
import os
import sys
import time

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score


def load(path):
    parts = {"train": ([], []), "validation": ([], []), "test": ([], [])}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert header == ["split", "label", "book", "text"], header
        for split, label, _book, text in reader:
            parts[split][0].append(text)
            parts[split][1].append(int(label))
    return parts


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "data")
    parts = load(os.path.join(data_dir, "austen.tsv.gz"))
    (xtr, ytr), (xva, yva), (xte, yte) = parts["train"], parts["validation"], parts["test"]
    grid = list(itertools.product([0.1, 1.0, 10.0, 100.0], [(1, 1), (1, 2)], [1, 2, 5]))
    start = time.perf_counter()
    trials = []
    best = None
    for c, ngram, min_df in grid:
        vec = TfidfVectorizer(ngram_range=ngram, min_df=min_df, sublinear_tf=True)
        model = LogisticRegression(C=c, max_iter=2000)
        model.fit(vec.fit_transform(xtr), ytr)
        acc = accuracy_score(yva, model.predict(vec.transform(xva)))
        trials.append({"C": c, "ngram": list(ngram), "min_df": min_df, "val_accuracy": round(acc, 4)})
        print(f"  C={c} ngram={ngram} min_df={min_df}: validation accuracy {acc:.4f}", file=sys.stderr)
        if best is None or acc > best[0]:
            best = (acc, c, ngram, min_df, vec, model)
    acc, c, ngram, min_df, vec, model = best
    predicted = model.predict(vec.transform(xte))
    print(json.dumps({
        "task": "austen", "peer": f"scikit-learn {sklearn.__version__} TfidfVectorizer(sublinear_tf) + LogisticRegression(lbfgs)",
        "train": len(ytr), "validation": len(yva), "test": len(yte),
        "best": {"C": c, "ngram": list(ngram), "min_df": min_df, "vocabulary": len(vec.vocabulary_)},
        "val_accuracy": round(acc, 4),
        "test_accuracy": round(accuracy_score(yte, predicted), 4),
        "test_macro_f1": round(f1_score(yte, predicted, average="macro"), 4),
        "search_seconds": round(time.perf_counter() - start, 1),
        "grid": trials,
    }))


if __name__ == "__main__":
    main()
