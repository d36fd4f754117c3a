"""Writes the recurrent-layer reference files (lstm_*.json, gru_*.json) next to this script.

Run with a Python that has PyTorch 1.13 (Debian's python3-torch reports 1.13.0a0):

    python3 generate_recurrent.py

Each case runs torch.nn.LSTM / torch.nn.GRU (batch_first=True) in float64 with PyTorch's own random
initialisation (fixed seed). With lengths the input goes through
pack_padded_sequence(enforce_sorted=False) and comes back through pad_packed_sequence(total_length=T).
"output" is the concatenation of the flattened output [B, T, D*H], h_n [L*D, B, H] and, for the LSTM,
c_n; "grads" are the gradients of sum(output * grad_output) with respect to the input x, every parameter
(PyTorch names) and h0/c0 when they are given. Only these files are written.
"""

import json
import os

import numpy as np
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = "PyTorch 1.13.0 torch.nn.LSTM/GRU (batch_first), float64"


def tensor_json(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def case(name, kind, batch, time, features, hidden, layers=1, bidirectional=False, lengths=None,
         initial=False, bias=True, seed=0):
    torch.manual_seed(seed)
    module_type = torch.nn.LSTM if kind == "lstm" else torch.nn.GRU
    rnn = module_type(features, hidden, num_layers=layers, bidirectional=bidirectional, bias=bias,
                      batch_first=True).double()
    dirs = 2 if bidirectional else 1
    x = torch.randn(batch, time, features, dtype=torch.float64, requires_grad=True)
    inputs = {"x": x}
    hx = None
    if initial:
        h0 = torch.randn(layers * dirs, batch, hidden, dtype=torch.float64, requires_grad=True)
        inputs["h0"] = h0
        if kind == "lstm":
            c0 = torch.randn(layers * dirs, batch, hidden, dtype=torch.float64, requires_grad=True)
            inputs["c0"] = c0
            hx = (h0, c0)
        else:
            hx = h0

    if lengths is None:
        out, state = rnn(x, hx)
    else:
        packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=True, enforce_sorted=False)
        packed_out, state = rnn(packed, hx)
        out, _ = pad_packed_sequence(packed_out, batch_first=True, total_length=time)

    parts = [out, state[0], state[1]] if kind == "lstm" else [out, state]
    flat = torch.cat([p.reshape(-1) for p in parts])
    grad_output = torch.randn(flat.shape, dtype=torch.float64)
    (flat * grad_output).sum().backward()

    params = dict(rnn.named_parameters())
    data = {
        "name": name,
        "op": kind,
        "config": {"num_layers": layers, "bidirectional": bidirectional, "bias": bias, "batch_first": True},
        "inputs": {k: tensor_json(v) for k, v in inputs.items()},
        "params": {k: tensor_json(v) for k, v in params.items()},
        "grad_output": tensor_json(grad_output),
        "output": tensor_json(flat),
        "grads": {**{k: tensor_json(v.grad) for k, v in inputs.items()},
                  **{k: tensor_json(v.grad) for k, v in params.items()}},
        "generator": GENERATOR,
    }
    if lengths is not None:
        data["int_inputs"] = {"lengths": {"shape": [batch], "data": [float(v) for v in lengths]}}
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")


for kind in ("lstm", "gru"):
    # Hidden sizes 5 and 10 run the kernels' scalar tail alone and after whole vectors.
    case(f"{kind}_1layer", kind, batch=3, time=5, features=4, hidden=5, seed=1)
    case(f"{kind}_2layer_bidirectional", kind, batch=3, time=4, features=3, hidden=10, layers=2,
         bidirectional=True, seed=2)
    case(f"{kind}_lengths", kind, batch=4, time=6, features=3, hidden=10, layers=2, bidirectional=True,
         lengths=[4, 6, 1, 3], seed=3)
    case(f"{kind}_initial_state", kind, batch=3, time=4, features=4, hidden=5, layers=2,
         lengths=[2, 4, 4], initial=True, seed=4)
case("gru_no_bias", "gru", batch=2, time=3, features=4, hidden=8, bias=False, seed=5)
case("lstm_no_bias_bidirectional_initial_state", "lstm", batch=2, time=3, features=4, hidden=8,
     bidirectional=True, bias=False, initial=True, seed=6)
