#!/usr/bin/env bash
# ONNX export: Astrolabe vs torch.onnx.export (PyTorch 1.13) on the demo's best CNN and MLP (the int8 benchmark's
# models, same weights): export time and file size, then ONNX Runtime 1.32.0 (one thread) on both files.
# Usage: bench/Astrolabe.Bench.Onnx/run.sh     (PEER_PYTHON selects the peer interpreter; default /usr/bin/python3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
peer_python="${PEER_PYTHON:-/usr/bin/python3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
dotnet build -c Release "$here/Astrolabe.Bench.Onnx.csproj" -v quiet -nologo > "$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
bench=(dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Onnx.dll")
"${bench[@]}" export "$out/models" > "$out/results.jsonl"
OMP_NUM_THREADS=1 "$peer_python" "$here/peer_onnx.py" "$out/models" >> "$out/results.jsonl"
for round in $(seq 1 "${ROUNDS:-5}"); do
    "${bench[@]}" runtime "$out/models" >> "$out/results.jsonl"
done
echo "$(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%Y-%m-%dT%H:%MZ); ${ROUNDS:-5} runtime rounds"
"$peer_python" "$here/report.py" "$out/results.jsonl"
