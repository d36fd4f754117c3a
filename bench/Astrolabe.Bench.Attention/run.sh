#!/usr/bin/env bash
# One training step of a small Transformer-encoder text classifier: Astrolabe.Nn vs PyTorch 1.13 (OpenBLAS), one
# thread each, in alternating rounds; prints a markdown table with the per-round ratios and their median.
# Usage: bench/Astrolabe.Bench.Attention/run.sh [ROUNDS]   (PEER_PYTHON selects the peer interpreter; default /usr/bin/python3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${1:-2}"
peer_python="${PEER_PYTHON:-/usr/bin/python3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

dotnet build -c Release "$here/Astrolabe.Bench.Attention.csproj" -v quiet -nologo > "$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
bench=(dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Attention.dll")

source "$here/../peer_openblas.sh"
openblas_dir="$(openblas_dir)"
peer=(env LD_LIBRARY_PATH="$openblas_dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$peer_python" "$here/peer_torch.py")

"${peer[@]}" info >&2
for ((r = 1; r <= rounds; r++)); do
    echo "  round $r" >&2
    "${bench[@]}" 1 >> "$out/steps.jsonl"
    "${peer[@]}" 1 >> "$out/steps.jsonl"
done
echo
echo "$(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); flags: $(grep -m1 -o -w -E 'avx512f|avx_vnni|avx512_vnni' /proc/cpuinfo | sort -u | xargs) ; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
"${bench[@]}" report "$out/steps.jsonl"
