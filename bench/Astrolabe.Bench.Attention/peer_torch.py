"""PyTorch side of the attention benchmark: the same text classifier, data sizes, optimizer and timing rule as the
C# side (Program.cs, TextClassifier.cs). Prints one JSON line {"peer": "torch", "case", "threads", "seconds",
"cpu_seconds"}; `peer_torch.py info` prints the version and BLAS. run.sh points LD_LIBRARY_PATH at OpenBLAS.
"""
import json
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

B, T, D, HEADS, FF, LAYERS, CLASSES = 32, 64, 64, 4, 128, 2, 3
NAME = f"transformer_b{B}_t{T}_d{D}_h{HEADS}_ff{FF}_l{LAYERS}"


def median_seconds(step, inner, repeats=7, warmup=3, warmup_seconds=2.0):
    """The rule of bench/Astrolabe.Bench.Nn/Timing.cs: median wall and process CPU seconds per call after warm-up."""
    t0, i = time.perf_counter(), 0
    while i < warmup * inner or time.perf_counter() - t0 < warmup_seconds:
        step()
        i += 1
    wall, cpu = [], []
    for _ in range(repeats):
        c0, t0 = time.process_time(), time.perf_counter()
        for _ in range(inner):
            step()
        wall.append((time.perf_counter() - t0) / inner)
        cpu.append((time.process_time() - c0) / inner)
    wall.sort()
    cpu.sort()
    return wall[len(wall) // 2], cpu[len(cpu) // 2]


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        layer = nn.TransformerEncoderLayer(D, HEADS, FF, dropout=0.1, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, LAYERS, enable_nested_tensor=False)
        self.head = nn.Linear(D, CLASSES)

    def forward(self, x, padding, lengths):
        h = self.encoder(x, src_key_padding_mask=padding)
        pooled = (h * (~padding).unsqueeze(-1)).sum(1) / lengths.unsqueeze(-1)
        return self.head(pooled)


def lengths():
    """The lengths of TextClassifier.Lengths: T/2 + (b*7 mod T/2) + 1, capped at T."""
    return torch.tensor([min(T, T // 2 + (b * 7 % (T // 2)) + 1) for b in range(B)])


def step_fn():
    g = torch.Generator().manual_seed(0)
    model = Classifier().train()
    x = torch.randn(B, T, D, generator=g)
    y = torch.randint(0, CLASSES, (B,), generator=g)
    lens = lengths()
    padding = torch.arange(T)[None, :] >= lens[:, None]
    lens = lens.to(torch.float32)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        opt.zero_grad()
        F.cross_entropy(model(x, padding, lens), y).backward()
        opt.step()

    return step


def main(argv):
    if argv[1] == "info":
        print(json.dumps({"peer": "torch", "version": torch.__version__,
                          "blas": os.environ.get("LD_LIBRARY_PATH", "default").split(":")[0]}), flush=True)
        return 0
    threads = int(argv[1])
    torch.manual_seed(0)
    torch.set_num_threads(threads)
    wall, cpu = median_seconds(step_fn(), 10)
    print(json.dumps({"peer": "torch", "case": NAME, "threads": threads, "seconds": wall, "cpu_seconds": cpu}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
