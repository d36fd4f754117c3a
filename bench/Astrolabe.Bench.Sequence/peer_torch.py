"""PyTorch side of the sequence benchmark: the same classifier step, shapes, optimizer and timing rule as the C# side.

Prints one JSON object: {"peer": "torch", "case": ..., "threads": ..., "seconds": ..., "cpu_seconds": ...}.
Run it with LD_LIBRARY_PATH pointing at OpenBLAS (run.sh does that) so torch's BLAS is OpenBLAS.
"""
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Astrolabe.Bench.Nn"))
from peer_torch import median_seconds, blas_library  # noqa: E402  (the Nn benchmark's timing rule)


def classifier_step(name):
    """{lstm|gru}_b{batch}_t{time}_i{input}_h{hidden}[_len]: recurrent layer, last hidden state, Linear to 3 classes,
    cross-entropy, backward, Adam. With _len the rows have lengths between time/4 and time (packed)."""
    parts = name.split("_")
    size = {p[0]: int(p[1:]) for p in parts[1:] if p[1:].isdigit()}
    batch, time, inp, hidden = size["b"], size["t"], size["i"], size["h"]
    g = torch.Generator().manual_seed(0)
    rnn = (nn.LSTM if parts[0] == "lstm" else nn.GRU)(inp, hidden, batch_first=True)
    head = nn.Linear(hidden, 3)
    x = torch.randn(batch, time, inp, generator=g)
    y = torch.randint(0, 3, (batch,), generator=g)
    lengths = None
    if parts[-1] == "len":
        lengths = torch.randint(time // 4 + 1, time + 1, (batch,), generator=g)
    opt = torch.optim.Adam(list(rnn.parameters()) + list(head.parameters()), lr=1e-3)

    def step():
        opt.zero_grad()
        inputs = x if lengths is None else pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        _, state = rnn(inputs)
        h = state[0] if isinstance(state, tuple) else state
        loss = F.cross_entropy(head(h[-1]), y)
        loss.backward()
        opt.step()

    return 5, step


def main(argv):
    """peer_torch.py info | peer_torch.py CASE THREADS"""
    torch.manual_seed(0)
    if argv[1] == "info":
        print(json.dumps({"peer": "torch", "version": torch.__version__, "blas": blas_library()}), flush=True)
        return 0
    name, threads = argv[1], int(argv[2])
    torch.set_num_threads(threads)
    inner, step = classifier_step(name)
    wall, cpu = median_seconds(step, inner)
    print(json.dumps({"peer": "torch", "case": name, "threads": threads, "seconds": wall, "cpu_seconds": cpu}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
