"""Writes the reference files of the embedding ops and ranking losses, and the sparse-optimizer trajectories.

Run with a Python that has PyTorch 1.13 (Debian's python3-torch reports 1.13.0a0), in this folder:

    python3 generate_embeddings.py

Writes embedding_padding*.json, embedding_bag_*.json, cross_entropy_weighted*.json, bpr_loss.json and
margin_ranking_loss.json here (the common format of README.md, float64), and SparseOptim/*.json (the trajectory format
of SparseOptim/README.md). Other files are left alone. Fixed seeds: the output is the same on every run.
"""

import json
import os

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = "PyTorch " + torch.__version__ + " torch.nn.functional / torch.optim, float64"
torch.manual_seed(20240701)
torch.set_default_dtype(torch.float64)


def tj(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def ij(values, shape=None):
    values = [int(v) for v in values]
    return {"shape": list(shape) if shape is not None else [len(values)], "data": values}


def write(name, case, folder=HERE):
    case = {"name": name, **case, "generator": GENERATOR}
    with open(os.path.join(folder, name + ".json"), "w") as f:
        json.dump(case, f, indent=1)


def leaf(*shape):
    return torch.randn(*shape).requires_grad_()


def embedding_padding(name, rows, dim, indices, shape, padding_idx):
    w = leaf(rows, dim)
    idx = torch.tensor(indices).reshape(shape)
    y = F.embedding(idx, w, padding_idx=padding_idx)
    go = torch.randn_like(y)
    (y * go).sum().backward()
    write(name, {"op": "embedding_padding", "config": {"padding_idx": padding_idx}, "inputs": {},
                 "params": {"weight": tj(w)}, "int_inputs": {"indices": ij(indices, shape)},
                 "grad_output": tj(go), "output": tj(y), "grads": {"weight": tj(w.grad)}})


def embedding_bag(name, rows, dim, indices, offsets, mode, padding_idx=None, weighted=False):
    w = leaf(rows, dim)
    psw = leaf(len(indices)) if weighted else None
    y = F.embedding_bag(torch.tensor(indices), w, torch.tensor(offsets), mode=mode,
                        per_sample_weights=psw, padding_idx=padding_idx)
    go = torch.randn_like(y)
    (y * go).sum().backward()
    config = {"mode": mode}
    if padding_idx is not None:
        config["padding_idx"] = padding_idx
    grads = {"weight": tj(w.grad)}
    inputs = {}
    if weighted:
        inputs["per_sample_weights"] = tj(psw)
        grads["per_sample_weights"] = tj(psw.grad)
    write(name, {"op": "embedding_bag", "config": config, "inputs": inputs, "params": {"weight": tj(w)},
                 "int_inputs": {"indices": ij(indices), "offsets": ij(offsets)},
                 "grad_output": tj(go), "output": tj(y), "grads": grads})


def cross_entropy_weighted(name, n, c, targets, weight, ignore_index, smoothing):
    logits = leaf(n, c)
    wt = torch.tensor(weight) if weight is not None else None
    loss = F.cross_entropy(logits, torch.tensor(targets), weight=wt, ignore_index=ignore_index,
                           label_smoothing=smoothing, reduction="mean")
    loss.backward()
    config = {"reduction": "mean", "ignore_index": ignore_index, "label_smoothing": smoothing}
    if weight is not None:
        config["weight"] = weight
    write(name, {"op": "cross_entropy_weighted", "config": config, "inputs": {"logits": tj(logits)}, "params": {},
                 "int_inputs": {"target": ij(targets)}, "output": tj(loss), "grads": {"logits": tj(logits.grad)}})


def bpr():
    pos, neg = leaf(12), leaf(12)
    with torch.no_grad():
        neg[0] += 30.0  # far into the tail: the stable form matters
        pos[1] += 30.0
    loss = -F.logsigmoid(pos - neg).mean()
    loss.backward()
    write("bpr_loss", {"op": "bpr_loss", "config": {"reduction": "mean"}, "inputs": {"positive": tj(pos), "negative": tj(neg)},
                       "params": {}, "output": tj(loss), "grads": {"positive": tj(pos.grad), "negative": tj(neg.grad)}})


def margin_ranking():
    x1, x2 = leaf(16), leaf(16)
    y = torch.tensor([1, -1] * 8)
    margin = 0.3
    loss = F.margin_ranking_loss(x1, x2, y.to(torch.float64), margin=margin, reduction="mean")
    hinge = -y * (x1 - x2) + margin
    assert hinge.abs().min() > 1e-3, "a hinge at 0 would make the gradient a tie"
    loss.backward()
    write("margin_ranking_loss", {"op": "margin_ranking_loss", "config": {"margin": margin, "reduction": "mean"},
                                  "inputs": {"input1": tj(x1), "input2": tj(x2)}, "params": {},
                                  "int_inputs": {"target": ij(y.tolist())}, "output": tj(loss),
                                  "grads": {"input1": tj(x1.grad), "input2": tj(x2.grad)}})


def sparse_trajectory(name, optimizer, config, rows, dim, steps, padding_idx=None):
    emb = torch.nn.Embedding(rows, dim, padding_idx=padding_idx, sparse=True)
    init = emb.weight.detach().clone()
    if optimizer == "sparse_adam":
        opt = torch.optim.SparseAdam(emb.parameters(), lr=config["lr"], betas=tuple(config["betas"]), eps=config["eps"])
    else:
        opt = torch.optim.Adagrad(emb.parameters(), lr=config["lr"], lr_decay=config["lr_decay"],
                                  initial_accumulator_value=config["initial_accumulator_value"], eps=config["eps"])
    records = []
    for indices in steps:
        opt.zero_grad(set_to_none=True)
        idx = torch.tensor(indices)
        go = torch.randn(len(indices), dim)
        (emb(idx) * go).sum().backward()
        assert emb.weight.grad.is_sparse
        opt.step()
        records.append({"indices": indices, "grad_output": tj(go), "weight": tj(emb.weight)})
    case = {"optimizer": optimizer, "config": config, "rows": rows, "dim": dim, "weight": tj(init), "steps": records}
    if padding_idx is not None:
        case["padding_idx"] = padding_idx
    write(name, case, os.path.join(HERE, "SparseOptim"))


def main():
    embedding_padding("embedding_padding", 9, 4, [8, 2, 1, 2, 8, 3, 2, 4, 3, 7, 5, 2], [4, 3], 2)
    embedding_padding("embedding_padding_negative", 7, 3, [6, 0, 6, 1, 5, 6], [6], -1)
    embedding_bag("embedding_bag_sum", 10, 4, [1, 2, 4, 5, 4, 3, 2, 9, 1], [0, 3, 3, 6], "sum")
    embedding_bag("embedding_bag_mean", 10, 4, [1, 2, 4, 5, 4, 3, 2, 9, 0, 0], [0, 3, 3, 6, 8], "mean", padding_idx=0)
    embedding_bag("embedding_bag_sum_padding", 8, 3, [0, 7, 7, 0, 3, 1, 0], [0, 2, 4, 4], "sum", padding_idx=-8)
    embedding_bag("embedding_bag_sum_weighted", 10, 4, [1, 2, 4, 5, 4, 3, 2, 9, 1], [0, 3, 3, 6], "sum", weighted=True)
    cross_entropy_weighted("cross_entropy_weighted", 8, 5, [0, 4, 2, -100, 1, 4, 3, 2], [0.5, 2.0, 1.0, 0.25, 3.0], -100, 0.0)
    cross_entropy_weighted("cross_entropy_weighted_ignore1", 6, 4, [1, 3, 1, 0, 2, 1], [1.5, 0.7, 2.0, 1.1], 1, 0.0)
    cross_entropy_weighted("cross_entropy_weighted_smoothing", 7, 5, [0, 4, 2, 3, 1, -100, 2], [0.5, 2.0, 1.0, 0.25, 3.0], -100, 0.2)
    cross_entropy_weighted("cross_entropy_ignore_unweighted_smoothing", 6, 4, [0, 3, 7, 2, 7, 1], None, 7, 0.1)
    bpr()
    margin_ranking()
    steps = [[1, 3, 3, 7], [3, 0, 1, 1, 1], [9, 8], [3, 3, 3], [0, 5, 9, 1, 2]]
    sparse_trajectory("sparse_adam", "sparse_adam", {"lr": 0.05, "betas": [0.8, 0.95], "eps": 1e-6}, 10, 4, steps)
    # PyTorch 1.13's SparseAdam fails on a step whose indices are all padding (an empty gradient): not recorded.
    sparse_trajectory("sparse_adam_padding", "sparse_adam", {"lr": 0.01, "betas": [0.9, 0.999], "eps": 1e-8}, 10, 3,
                      [s + [3] for s in steps if set(s) != {3}] + [[3, 4, 3]], padding_idx=3)
    sparse_trajectory("adagrad_sparse", "adagrad",
                      {"lr": 0.1, "lr_decay": 0.05, "initial_accumulator_value": 0.1, "eps": 1e-10}, 10, 4, steps)


if __name__ == "__main__":
    main()
