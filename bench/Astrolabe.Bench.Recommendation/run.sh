#!/usr/bin/env bash
# One training step of a sparse-embedding recommender (matrix factorisation + item biases, BPR, SparseAdam / sparse
# AdaGrad), Astrolabe.Nn vs PyTorch 1.13 with nn.Embedding(sparse=True), one thread each, alternating rounds.
# Usage: bench/Astrolabe.Bench.Recommendation/run.sh [ROUNDS]   (PEER_PYTHON selects the peer; default /usr/bin/python3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
peer_python="${PEER_PYTHON:-/usr/bin/python3}"
rounds="${1:-2}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

dotnet build -c Release "$here/Astrolabe.Bench.Recommendation.csproj" -v quiet -nologo > "$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
ours=(dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Recommendation.dll")
# No matrix product of any size here, but the peer runs on OpenBLAS as in the other benchmarks.
source "$here/../peer_openblas.sh"
peer=(env LD_LIBRARY_PATH="$(openblas_dir)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$peer_python" "$here/peer_torch.py")

for round in $(seq "$rounds"); do
    for case in mf_bpr_sparse_adam mf_bpr_sparse_adagrad; do
        echo "  round $round: $case" >&2
        "${ours[@]}" "$case" >> "$out/ours.jsonl"
        "${peer[@]}" "$case" >> "$out/peer.jsonl"
    done
done

echo "$(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); flags:$(grep -m1 -o -w -E 'avx512f|avx_vnni|avx512_vnni' /proc/cpuinfo | sort -u | tr '\n' ' ' | sed 's/^/ /'); $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| case (1 thread) | Astrolabe µs/step | PyTorch µs/step | speed-up |"
echo "|---|---:|---:|---:|"
"$peer_python" - "$out/ours.jsonl" "$out/peer.jsonl" <<'PY'
import json, statistics, sys
def load(path):
    rows = {}
    for line in open(path):
        r = json.loads(line)
        rows.setdefault(r["case"], []).append(r["seconds"])
    return rows
ours, peer = load(sys.argv[1]), load(sys.argv[2])
for case in ours:
    o, p = statistics.median(ours[case]), statistics.median(peer[case])
    print(f"| {case} | {o * 1e6:.1f} | {p * 1e6:.1f} | {p / o:.1f}× |")
PY
