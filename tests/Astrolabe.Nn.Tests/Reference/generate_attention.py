"""Writes the reference files of the attention, Transformer, Conv1d, residual-block and pooling layers next to this
script: multihead_attention_*.json, transformer_*.json, conv1d*.json, residual_block_*.json, masked_*_pool.json and
adaptive_avg_pool*.json.

Run with a Python that has PyTorch 1.13 (Debian's python3-torch reports 1.13.0a0):

    python3 generate_attention.py

Computed in float64 through torch.nn modules in training mode (the reference path: PyTorch's fused inference fast
path is not taken) with dropout 0. Each file holds the inputs, every parameter under its PyTorch name, the output, a
random grad_output and the gradients of sum(output * grad_output) with respect to every input and parameter. Only the
files named above are written.
"""

import json
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = "PyTorch 1.13.0 torch.nn, float64"
torch.manual_seed(20240701)
torch.set_default_dtype(torch.float64)


def tensor_json(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def ints_json(t):
    return {"shape": list(t.shape), "data": [int(v) for v in t.reshape(-1).tolist()]}


def randomize(module, scale=0.5):
    """Replaces every parameter by random values (zeros or ones would hide errors in biases and norms)."""
    with torch.no_grad():
        for _, p in module.named_parameters():
            p.copy_(torch.randn_like(p) * scale)


def write(name, op, config, inputs, params, outputs, int_inputs=None):
    """outputs: the op's output tensors; several are concatenated flat, in order."""
    flat = torch.cat([o.reshape(-1) for o in outputs]) if len(outputs) > 1 else outputs[0]
    grad_output = torch.randn_like(flat)
    leaves = {**inputs, **params}
    for t in leaves.values():
        t.grad = None
    (flat * grad_output).sum().backward()
    doc = {
        "name": name,
        "op": op,
        "config": config,
        "inputs": {k: tensor_json(v) for k, v in inputs.items()},
        "params": {k: tensor_json(v) for k, v in params.items()},
    }
    if int_inputs:
        doc["int_inputs"] = {k: ints_json(v) for k, v in int_inputs.items()}
    doc["grad_output"] = tensor_json(grad_output)
    doc["output"] = tensor_json(flat)
    doc["grads"] = {k: tensor_json(v.grad if v.grad is not None else torch.zeros_like(v)) for k, v in leaves.items()}
    doc["generator"] = GENERATOR
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


def leaf(*shape):
    return torch.randn(*shape).requires_grad_()


def named_params(module):
    return dict(module.named_parameters())


# ---------------------------------------------------------------- multi-head attention (batch_first, dropout 0)

def mha_case(name, e, heads, b, l, s, mode, key_padding=False, attn_mask=None, bias=True):
    """mode: self (query is key is value), kv (key is value), cross (three tensors)."""
    mha = nn.MultiheadAttention(e, heads, dropout=0.0, bias=bias, batch_first=True).train()
    randomize(mha)
    if mode == "self":
        x = leaf(b, l, e)
        q = k = v = x
        inputs = {"x": x}
    elif mode == "kv":
        q, k = leaf(b, l, e), leaf(b, s, e)
        v = k
        inputs = {"query": q, "key": k}
    else:
        q, k, v = leaf(b, l, e), leaf(b, s, e), leaf(b, s, e)
        inputs = {"query": q, "key": k, "value": v}
    config = {"embed_dim": e, "num_heads": heads, "bias": bias}
    ints = {}
    kpm = None
    if key_padding:
        lengths = torch.randint(1, s + 1, (b,))
        lengths[0] = s
        lengths[-1] = 1
        kpm = torch.arange(s)[None, :] >= lengths[:, None]
        ints["key_padding_mask"] = kpm.to(torch.int64)
    mask = None
    if attn_mask == "bool":
        mask = torch.rand(l, s) < 0.3
        mask[:, 0] = False  # every row keeps a key
        ints["attn_mask"] = mask.to(torch.int64)
    elif attn_mask == "float":
        mask = torch.randn(l, s)
        config["attn_mask"] = mask.tolist()
    out, weights = mha(q, k, v, key_padding_mask=kpm, attn_mask=mask, need_weights=True)
    write(name, "multihead_attention", config, inputs, named_params(mha), [out, weights], ints)


# ---------------------------------------------------------------- Transformer encoder

def padding_mask(b, t):
    lengths = torch.randint(1, t + 1, (b,))
    lengths[0] = t
    return torch.arange(t)[None, :] >= lengths[:, None]


def encoder_layer_case(name, d, heads, ff, activation, norm_first, batch_first, b, t, key_padding):
    layer = nn.TransformerEncoderLayer(d, heads, ff, dropout=0.0, activation=activation, layer_norm_eps=1e-5,
                                       batch_first=batch_first, norm_first=norm_first).train()
    randomize(layer)
    src = leaf(b, t, d) if batch_first else leaf(t, b, d)
    kpm = padding_mask(b, t) if key_padding else None
    out = layer(src, src_key_padding_mask=kpm)
    config = {"d_model": d, "nhead": heads, "dim_feedforward": ff, "activation": activation, "layer_norm_eps": 1e-5,
              "norm_first": norm_first, "batch_first": batch_first}
    ints = {"src_key_padding_mask": kpm.to(torch.int64)} if key_padding else None
    write(name, "transformer_encoder_layer", config, {"src": src}, named_params(layer), [out], ints)


def encoder_case(name, d, heads, ff, layers, b, t):
    layer = nn.TransformerEncoderLayer(d, heads, ff, dropout=0.0, activation="relu", batch_first=True)
    enc = nn.TransformerEncoder(layer, layers, norm=nn.LayerNorm(d), enable_nested_tensor=False).train()
    randomize(enc)
    src = leaf(b, t, d)
    kpm = padding_mask(b, t)
    out = enc(src, src_key_padding_mask=kpm)
    config = {"d_model": d, "nhead": heads, "dim_feedforward": ff, "activation": "relu", "layer_norm_eps": 1e-5,
              "norm_first": False, "batch_first": True, "num_layers": layers, "final_norm": True}
    write(name, "transformer_encoder", config, {"src": src}, named_params(enc), [out],
          {"src_key_padding_mask": kpm.to(torch.int64)})


# ---------------------------------------------------------------- Conv1d, residual block, pooling

def conv1d_case(name, b, c, o, length, k, stride, padding, dilation, bias=True):
    x = leaf(b, c, length)
    w = leaf(o, c, k)
    params = {"weight": w}
    if bias:
        params["bias"] = leaf(o)
    out = F.conv1d(x, w, params.get("bias"), stride=stride, padding=padding, dilation=dilation)
    write(name, "conv1d", {"stride": stride, "padding": padding, "dilation": dilation}, {"x": x}, params, [out])


class BasicBlock(nn.Module):
    """torchvision.models.resnet.BasicBlock (expansion 1), with its parameter names."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


def residual_case(name, cin, cout, stride, n, h, w):
    block = BasicBlock(cin, cout, stride).train()
    randomize(block)
    x = leaf(n, cin, h, w)
    out = block(x)
    write(name, "residual_block", {"in_channels": cin, "out_channels": cout, "stride": stride}, {"x": x},
          named_params(block), [out])


def masked_pool_case(name, op, b, t, e):
    x = leaf(b, t, e)
    lengths = torch.randint(1, t + 1, (b,))
    lengths[0] = t
    lengths[-1] = 1
    keep = (torch.arange(t)[None, :] < lengths[:, None]).unsqueeze(-1)
    if op == "masked_mean_pool":
        out = (x * keep).sum(1) / lengths[:, None]
    else:
        out = x.masked_fill(~keep, float("-inf")).max(1).values
    write(name, op, {}, {"x": x}, {}, [out], {"lengths": lengths})


def adaptive_case(name, op, shape, output_size):
    x = leaf(*shape)
    out = F.adaptive_avg_pool2d(x, output_size) if op == "adaptive_avg_pool2d" else F.adaptive_avg_pool1d(x, output_size)
    write(name, op, {"output_size": output_size}, {"x": x}, {}, [out])


mha_case("multihead_attention_self", 8, 2, 2, 5, 5, "self")
mha_case("multihead_attention_cross", 8, 4, 2, 3, 6, "cross")
mha_case("multihead_attention_kv", 6, 3, 3, 4, 5, "kv", bias=False)
mha_case("multihead_attention_key_padding", 8, 2, 3, 4, 4, "self", key_padding=True)
mha_case("multihead_attention_bool_mask", 8, 2, 2, 4, 5, "cross", key_padding=True, attn_mask="bool")
mha_case("multihead_attention_float_mask", 8, 4, 2, 5, 5, "self", attn_mask="float")
encoder_layer_case("transformer_layer_post_relu", 8, 2, 16, "relu", False, True, 2, 5, False)
encoder_layer_case("transformer_layer_pre_gelu", 8, 2, 12, "gelu", True, True, 2, 4, False)
encoder_layer_case("transformer_layer_padding", 8, 4, 16, "relu", False, True, 3, 5, True)
encoder_layer_case("transformer_layer_seq_first", 6, 2, 10, "gelu", True, False, 2, 4, True)
encoder_case("transformer_encoder_2_layers", 8, 2, 12, 2, 2, 4)
conv1d_case("conv1d", 2, 3, 4, 9, 3, 1, 1, 1)
conv1d_case("conv1d_stride2_dilation2", 2, 3, 5, 11, 3, 2, 2, 2, bias=False)
residual_case("residual_block_identity", 3, 3, 1, 2, 5, 5)
residual_case("residual_block_projection", 3, 4, 2, 3, 6, 5)
masked_pool_case("masked_mean_pool", "masked_mean_pool", 3, 5, 4)
masked_pool_case("masked_max_pool", "masked_max_pool", 3, 5, 4)
adaptive_case("adaptive_avg_pool2d", "adaptive_avg_pool2d", (2, 3, 7, 5), [3, 2])
adaptive_case("adaptive_avg_pool1d", "adaptive_avg_pool1d", (2, 3, 10), 4)
