"""PyTorch side of the Astrolabe.Nn benchmark: the same shapes, optimizer and timing rule as the C# side.

Prints one JSON object: {"peer": "torch", "case": ..., "threads": ..., "seconds": median per step} (or "gflops").
Run it with LD_LIBRARY_PATH pointing at OpenBLAS (run.sh does that) so torch's BLAS is OpenBLAS, not the reference BLAS.
"""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def median_seconds(step, inner, repeats=7, warmup=3, warmup_seconds=2.0):
    """Median wall seconds and median process CPU seconds (all threads) per call, after a warm-up of at least
    warmup * inner calls and warmup_seconds (the same rule as the .NET side, whose JIT needs it)."""
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


def blas_library():
    with open("/proc/self/maps") as maps:
        libs = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and line.strip().endswith(".so.3")
                       or "openblas" in line.lower()})
    return ",".join(sorted({l.rsplit("/", 2)[-2] + "/" + l.rsplit("/", 1)[-1] for l in libs})) or "unknown"


def matmul_gflops(n):
    a = torch.randn(n, n)
    b = torch.randn(n, n)
    wall, cpu = median_seconds(lambda: torch.mm(a, b), 20 if n <= 512 else 4, repeats=5, warmup=1)
    return 2.0 * n ** 3 / wall / 1e9, 2.0 * n ** 3 / cpu / 1e9


def train_step_case(model, x, y):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()

    return step


def cases():
    g = torch.Generator().manual_seed(0)
    return {
        "mlp_64_128_10_b64": lambda: (200, train_step_case(
            nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10)),
            torch.randn(64, 64, generator=g), torch.randint(0, 10, (64,), generator=g))),
        "mlp_784_512_512_10_b128": lambda: (10, train_step_case(
            nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10)),
            torch.randn(128, 784, generator=g), torch.randint(0, 10, (128,), generator=g))),
        "cnn_28x28_b64": lambda: (5, train_step_case(
            nn.Sequential(nn.Conv2d(1, 16, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 3), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(32 * 5 * 5, 10)),
            torch.randn(64, 1, 28, 28, generator=g), torch.randint(0, 10, (64,), generator=g))),
    }


def flops_case(name):
    """PyTorch's profiler count (with_flops=True) of one training step's forward pass with its loss, then of its
    backward pass, by operator (the profiler counts aten::mm/addmm/conv2d/bmm/add/mul; not convolution backward)."""
    from torch.profiler import profile, ProfilerActivity
    g = torch.Generator().manual_seed(0)
    models = {
        "mlp_64_128_10_b64": (nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10)), (64, 64)),
        "mlp_784_512_512_10_b128": (nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(),
                                                  nn.Linear(512, 10)), (128, 784)),
        "cnn_28x28_b64": (nn.Sequential(nn.Conv2d(1, 16, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 3),
                                        nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(32 * 5 * 5, 10)),
                          (64, 1, 28, 28)),
    }
    model, shape = models[name]
    x = torch.randn(*shape, generator=g)
    y = torch.randint(0, 10, (shape[0],), generator=g)
    with profile(activities=[ProfilerActivity.CPU], with_flops=True) as forward:
        loss = F.cross_entropy(model(x), y)
    with profile(activities=[ProfilerActivity.CPU], with_flops=True) as backward:
        loss.backward()

    def by_op(prof):
        return {e.key: int(e.flops) for e in prof.key_averages() if e.flops}

    return {"peer": "torch", "case": name, "forward": by_op(forward), "backward": by_op(backward)}


def infer_case():
    """The CNN of cnn_28x28_b64 in evaluation mode under no_grad on 128 images: the median seconds of one forward pass."""
    g = torch.Generator().manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 16, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 3), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(32 * 5 * 5, 10)).eval()
    x = torch.randn(128, 1, 28, 28, generator=g)

    def forward():
        with torch.no_grad():
            model(x)

    return 20, forward


def main(argv):
    """peer_torch.py info | peer_torch.py CASE THREADS | peer_torch.py flops CASE
    (CASE: gemm_512, gemm_1024 or a training-step case)."""
    torch.manual_seed(0)
    if argv[1] == "flops":
        print(json.dumps(flops_case(argv[2])), flush=True)
        return 0
    if argv[1] == "info":
        print(json.dumps({"peer": "torch", "version": torch.__version__, "blas": blas_library()}), flush=True)
        return 0
    name, threads = argv[1], int(argv[2])
    torch.set_num_threads(threads)
    if name.startswith("gemm_"):
        gflops, cpu_gflops = matmul_gflops(int(name[5:]))
        result = {"gflops": gflops, "cpu_gflops": cpu_gflops}
    else:
        inner, step = infer_case() if name == "cnn_infer_b128" else cases()[name]()
        wall, cpu = median_seconds(step, inner)
        result = {"seconds": wall, "cpu_seconds": cpu}
    print(json.dumps({"peer": "torch", "case": name, "threads": threads, **result}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
