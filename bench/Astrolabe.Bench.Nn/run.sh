#!/usr/bin/env bash
# Astrolabe.Nn vs PyTorch 1.13 (OpenBLAS), side by side in one run; prints a markdown table.
# Usage: bench/Astrolabe.Bench.Nn/run.sh        (PEER_PYTHON selects the peer interpreter; default /usr/bin/python3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
peer_python="${PEER_PYTHON:-/usr/bin/python3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

dotnet build -c Release "$here/Astrolabe.Bench.Nn.csproj" -v quiet -nologo > "$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
bench=(dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Nn.dll")

# The peer runs on OpenBLAS.
source "$here/../peer_openblas.sh"
openblas_dir="$(openblas_dir)"

# Both sides alternate case by case, so load changes on a shared machine hit both alike.
peer=(env LD_LIBRARY_PATH="$openblas_dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$peer_python" "$here/peer_torch.py")
"${peer[@]}" info > "$out/peer.jsonl"
"${bench[@]}" peak > "$out/ours.jsonl"
for threads in 1 2; do
    for case in gemm_512 gemm_1024 mlp_64_128_10_b64 mlp_784_512_512_10_b128 cnn_28x28_b64; do
        echo "  $case, $threads thread(s)" >&2
        "${bench[@]}" "$case" "$threads" >> "$out/ours.jsonl"
        # torch.set_num_threads does not bound OpenBLAS's own pool: without these the "1-thread" peer used two CPUs.
        OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" "${peer[@]}" "$case" "$threads" >> "$out/peer.jsonl"
    done
done
# Inference of the CNN on 128 images (no graph), one thread: the pass against the sum of its layers and the peer.
echo "  cnn_infer_b128, 1 thread" >&2
"${bench[@]}" infer 1 >> "$out/ours.jsonl"
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "${peer[@]}" cnn_infer_b128 1 >> "$out/peer.jsonl"
"${bench[@]}" peak >> "$out/ours.jsonl"
echo
echo "$(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%Y-%m-%dT%H:%MZ)"
"${bench[@]}" report "$out/ours.jsonl" "$out/peer.jsonl"
