"""PyTorch peer of the Astrolabe Adam benchmark: median seconds of one torch.optim.Adam step, foreach=True and False."""
import argparse
import statistics
import time

import torch

parser = argparse.ArgumentParser()
parser.add_argument("--size", type=int, default=1 << 24)
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--repeats", type=int, default=9)
args = parser.parse_args()

torch.set_num_threads(args.threads)
torch.manual_seed(1)
# A matmul loads the BLAS, so the mapped library below is the one PyTorch really uses.
torch.randn(64, 64) @ torch.randn(64, 64)
with open("/proc/self/maps") as maps:
    blas = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line})
print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, BLAS loaded: {', '.join(blas) or 'none'}")
config = torch.__config__.show()
blas_info = [t.strip(" ,") for t in config.replace(",", " ").split() if t.startswith("BLAS_INFO=")]
capability = [line.strip(" -") for line in config.splitlines() if "CPU capability" in line]
print(f"torch config: {'; '.join(capability + blas_info)}")

for foreach in (True, False):
    torch.manual_seed(1)
    p = torch.nn.Parameter(torch.rand(args.size) - 0.5)
    p.grad = torch.rand(args.size) - 0.5
    opt = torch.optim.Adam([p], lr=1e-6, foreach=foreach)
    for _ in range(3):
        opt.step()
    samples = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        opt.step()
        samples.append(time.perf_counter() - t0)
    print(f"median_s foreach={foreach} {statistics.median(samples):.9f}")
    del opt, p
