"""Writes the tensor-operation reference files (ops_*.json) next to this script.

Run with a Python that has PyTorch 1.13 (Debian's python3-torch reports 1.13.0a0):

    python3 generate_tensor_ops.py

Like the layer files, everything is computed in float64: random inputs, the op's output and the gradients of
sum(output * grad_output) with respect to every differentiable input. Only the ops_*.json files are written.
Ops with several outputs (max_dim: values then indices; split: the pieces in order) record the concatenation of
their flattened outputs, and grad_output for that concatenation (the part over max_dim's indices is ignored).
Integer and boolean operands (gather/index_select indices, masks, where's condition) go in int_inputs, booleans
as 0/1.
"""

import json
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = "PyTorch 1.13.0 torch tensor ops, float64"
rng = np.random.default_rng(20240701)


def tensor_json(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def randn(*shape):
    return torch.tensor(rng.standard_normal(shape), dtype=torch.float64)


def away_from_zero(*shape):
    t = randn(*shape)
    return t + 0.5 * torch.sign(t) + (t == 0).double()


def ints(low, high, *shape):
    return torch.tensor(rng.integers(low, high, size=shape), dtype=torch.int64)


def bools(*shape):
    return torch.tensor(rng.random(shape) < 0.4)


def write(name, op, config, inputs, fn, int_inputs=None):
    """Runs fn(**inputs, **int_inputs) -> output (one tensor) and records output, grad_output and input gradients."""
    inputs = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    int_inputs = int_inputs or {}
    out = fn(**inputs, **int_inputs)
    grad_output = randn(*out.shape)
    differentiable = out.requires_grad
    grads = {}
    if differentiable:
        (out * grad_output).sum().backward()
        grads = {k: (v.grad if v.grad is not None else torch.zeros_like(v)) for k, v in inputs.items()}
    case = {
        "name": name,
        "op": op,
        "config": config,
        "inputs": {k: tensor_json(v) for k, v in inputs.items()},
        "params": {},
        "int_inputs": {k: tensor_json(v.to(torch.float64)) for k, v in int_inputs.items()},
        "grad_output": tensor_json(grad_output),
        "output": tensor_json(out),
        "grads": {k: tensor_json(g) for k, g in grads.items()},
        "generator": GENERATOR,
    }
    if not int_inputs:
        del case["int_inputs"]
    with open(os.path.join(HERE, f"ops_{name}.json"), "w") as f:
        json.dump(case, f, indent=1)
        f.write("\n")


def flat_cat(tensors):
    return torch.cat([t.reshape(-1) for t in tensors])


# Broadcasting element-wise ops: the inputs are called a and b.
write("add_broadcast", "add", {}, {"a": randn(3, 1, 4), "b": randn(2, 1)}, lambda a, b: a + b)
write("add_scalar_shape", "add", {}, {"a": randn(), "b": randn(2, 3)}, lambda a, b: a + b)
write("sub_broadcast", "sub", {}, {"a": randn(2, 3), "b": randn(4, 1, 3)}, lambda a, b: a - b)
write("sub_same_shape", "sub", {}, {"a": randn(3, 5), "b": randn(3, 5)}, lambda a, b: a - b)
write("mul_broadcast", "mul", {}, {"a": randn(2, 1, 3, 1), "b": randn(4, 1, 5)}, lambda a, b: a * b)
write("mul_same_shape", "mul", {}, {"a": randn(2, 3), "b": randn(2, 3)}, lambda a, b: a * b)
write("div_broadcast", "div", {}, {"a": randn(3, 4), "b": away_from_zero(4)}, lambda a, b: a / b)
write("div_broadcast_dividend", "div", {}, {"a": randn(3, 1), "b": away_from_zero(2, 1, 4)}, lambda a, b: a / b)
write("div_same_shape", "div", {}, {"a": randn(2, 5), "b": away_from_zero(2, 5)}, lambda a, b: a / b)
write("add_scalar", "add_scalar", {"other": 2.5}, {"x": randn(3, 4)}, lambda x: x + 2.5)
write("div_scalar", "div_scalar", {"other": -3.0}, {"x": randn(3, 4)}, lambda x: x / -3.0)

# Reductions along a dimension.
write("sum_dim", "sum_dim", {"dim": 1, "keepdim": False}, {"x": randn(2, 3, 4)}, lambda x: x.sum(1))
write("sum_dim_neg_keepdim", "sum_dim", {"dim": -1, "keepdim": True}, {"x": randn(2, 3, 4)}, lambda x: x.sum(-1, keepdim=True))
write("mean_dim", "mean_dim", {"dim": 0, "keepdim": False}, {"x": randn(3, 5)}, lambda x: x.mean(0))
write("mean_dim_neg_keepdim", "mean_dim", {"dim": -2, "keepdim": True}, {"x": randn(2, 3, 4)}, lambda x: x.mean(-2, keepdim=True))


def max_dim(dim, keepdim):
    def fn(x):
        values, indices = x.max(dim, keepdim=keepdim)
        return torch.cat([values.reshape(-1), indices.reshape(-1).to(torch.float64)])
    return fn


write("max_dim", "max_dim", {"dim": 1, "keepdim": False}, {"x": randn(3, 5, 2)}, max_dim(1, False))
# Small integers: many ties, where the first index wins.
write("max_dim_ties_neg_keepdim", "max_dim", {"dim": -1, "keepdim": True},
      {"x": ints(-2, 2, 4, 3, 6).to(torch.float64)}, max_dim(-1, True))

# Indexing.
write("gather_dim1", "gather", {"dim": 1}, {"x": randn(3, 4, 5)},
      lambda x, index: torch.gather(x, 1, index), {"index": ints(0, 4, 3, 6, 4)})
write("gather_dim_neg", "gather", {"dim": -1}, {"x": randn(4, 3)},
      lambda x, index: torch.gather(x, -1, index), {"index": ints(0, 3, 2, 5)})
write("index_select_dim1", "index_select", {"dim": 1}, {"x": randn(4, 5, 3)},
      lambda x, index: torch.index_select(x, 1, index), {"index": torch.tensor([4, 0, 4, 2])})
write("index_select_dim0", "index_select", {"dim": 0}, {"x": randn(6, 3)},
      lambda x, index: torch.index_select(x, 0, index), {"index": torch.tensor([5, 1, 1])})

# Joining, cutting and reordering. cat's inputs are x0, x1, ... in order.
write("cat_dim1", "cat", {"dim": 1}, {"x0": randn(2, 3, 4), "x1": randn(2, 1, 4), "x2": randn(2, 2, 4)},
      lambda x0, x1, x2: torch.cat([x0, x1, x2], 1))
write("cat_dim_neg", "cat", {"dim": -1}, {"x0": randn(3, 2), "x1": randn(3, 5)}, lambda x0, x1: torch.cat([x0, x1], -1))
write("split_sizes", "split", {"split_size_or_sections": [2, 4, 1], "dim": 1}, {"x": randn(3, 7, 2)},
      lambda x: flat_cat(torch.split(x, [2, 4, 1], 1)))
write("split_size_neg", "split", {"split_size_or_sections": 3, "dim": -2}, {"x": randn(2, 8, 3)},
      lambda x: flat_cat(torch.split(x, 3, -2)))
write("transpose_last_two", "transpose", {"dim0": -1, "dim1": -2}, {"x": randn(2, 3, 4)}, lambda x: x.transpose(-1, -2))
write("transpose_2d_tiles", "transpose", {"dim0": 0, "dim1": 1}, {"x": randn(35, 33)}, lambda x: x.transpose(0, 1))
write("transpose_outer", "transpose", {"dim0": 0, "dim1": 2}, {"x": randn(3, 2, 4, 2)}, lambda x: x.transpose(0, 2))
write("permute_heads", "permute", {"dims": [0, 2, 1, 3]}, {"x": randn(2, 3, 4, 5)}, lambda x: x.permute(0, 2, 1, 3))
write("permute_rotate", "permute", {"dims": [2, 0, 1]}, {"x": randn(2, 3, 4)}, lambda x: x.permute(2, 0, 1))
write("unsqueeze_neg", "unsqueeze", {"dim": -1}, {"x": randn(2, 3)}, lambda x: x.unsqueeze(-1))
write("squeeze_dim", "squeeze", {"dim": 1}, {"x": randn(2, 1, 3)}, lambda x: x.squeeze(1))

# Batched matrix products (transposes of the last two dimensions; a rank-2 b is shared by the batch).


def bmm(transpose_a, transpose_b):
    def fn(a, b):
        a2 = a.transpose(-1, -2) if transpose_a else a
        b2 = b.transpose(-1, -2) if transpose_b else b
        return torch.bmm(a2, b2) if b.dim() == 3 else torch.matmul(a2, b2)
    return fn


for name, ta, tb, a_shape, b_shape in [
    ("bmm", False, False, (3, 4, 5), (3, 5, 2)),
    ("bmm_transpose_b", False, True, (2, 4, 6), (2, 3, 6)),
    ("bmm_transpose_a", True, False, (2, 5, 4), (2, 5, 3)),
    ("bmm_transpose_both", True, True, (2, 5, 4), (2, 3, 5)),
    ("bmm_shared_b", False, False, (3, 4, 5), (5, 2)),
    ("bmm_shared_b_transpose_both", True, True, (3, 5, 4), (2, 5)),
]:
    write(name, "bmm", {"transpose_a": ta, "transpose_b": tb}, {"a": randn(*a_shape), "b": randn(*b_shape)}, bmm(ta, tb))

# Masking: masks and conditions are 0/1 in int_inputs.
write("masked_fill_broadcast", "masked_fill", {"value": -10000.0}, {"x": randn(2, 3, 4)},
      lambda x, mask: x.masked_fill(mask.bool(), -10000.0), {"mask": bools(2, 1, 4).long()})
write("masked_fill_same_shape", "masked_fill", {"value": 0.5}, {"x": randn(3, 4)},
      lambda x, mask: x.masked_fill(mask.bool(), 0.5), {"mask": bools(3, 4).long()})
write("where_broadcast", "where", {}, {"a": randn(3, 4), "b": randn(4)},
      lambda a, b, condition: torch.where(condition.bool(), a, b), {"condition": bools(3, 1).long()})
write("where_three_way", "where", {}, {"a": randn(1, 3), "b": randn(2, 1, 1)},
      lambda a, b, condition: torch.where(condition.bool(), a, b), {"condition": bools(2, 4, 1).long()})
