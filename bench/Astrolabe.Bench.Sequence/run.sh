#!/usr/bin/env bash
# Recurrent text-classifier training steps, Astrolabe.Nn vs PyTorch 1.13 (OpenBLAS), one thread, in alternating rounds;
# prints a markdown table of the median times and ratios.
# Usage: bench/Astrolabe.Bench.Sequence/run.sh [ROUNDS]   (PEER_PYTHON selects the peer interpreter; default /usr/bin/python3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
peer_python="${PEER_PYTHON:-/usr/bin/python3}"
rounds="${1:-3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

dotnet build -c Release "$here/Astrolabe.Bench.Sequence.csproj" -v quiet -nologo > "$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
bench=(dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Sequence.dll")

source "$here/../peer_openblas.sh"
openblas_dir="$(openblas_dir)"
peer=(env LD_LIBRARY_PATH="$openblas_dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$peer_python" "$here/peer_torch.py")
"${peer[@]}" info > "$out/peer.jsonl"
: > "$out/ours.jsonl"
for round in $(seq 1 "$rounds"); do
    for case in lstm_b64_t64_i64_h128 gru_b64_t64_i64_h128 lstm_b64_t64_i64_h128_len; do
        echo "  round $round: $case, 1 thread" >&2
        "${bench[@]}" "$case" 1 >> "$out/ours.jsonl"
        "${peer[@]}" "$case" 1 >> "$out/peer.jsonl"
    done
done
echo
echo "$(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); flags: $(grep -m1 -o -w -E 'avx512f|avx512_vnni|avx_vnni' /proc/cpuinfo | sort -u | xargs); $(date -u +%Y-%m-%dT%H:%MZ)"
"${bench[@]}" report "$out/ours.jsonl" "$out/peer.jsonl"
