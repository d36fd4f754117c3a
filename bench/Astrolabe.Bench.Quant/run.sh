#!/usr/bin/env bash
# Int8 post-training quantisation: Astrolabe vs PyTorch 1.13 (onednn engine, OpenBLAS for fp32), one thread each,
# on the same weights and calibration rows; the two sides alternate ROUNDS times (default 9). Prints a markdown table.
# Usage: bench/Astrolabe.Bench.Quant/run.sh     (PEER_PYTHON selects the peer interpreter; default /usr/bin/python3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
peer_python="${PEER_PYTHON:-/usr/bin/python3}"
rounds="${ROUNDS:-9}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

dotnet build -c Release "$here/Astrolabe.Bench.Quant.csproj" -v quiet -nologo > "$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
bench=(dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Quant.dll")
source "$here/../peer_openblas.sh"
peer=(env LD_LIBRARY_PATH="$(openblas_dir)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$peer_python" "$here/peer_quant.py")

echo "  training the demo's best CNN and MLP, quantising, exporting" >&2
"${bench[@]}" prepare "$out/models" > /dev/null
for round in $(seq 1 "$rounds"); do
    echo "  round $round/$rounds" >&2
    "${bench[@]}" measure "$out/models" >> "$out/results.jsonl"
    "${peer[@]}" "$out/models" >> "$out/results.jsonl"
done
echo
echo "$(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); AVX-512: $(grep -qw avx512f /proc/cpuinfo && echo yes || echo no), AVX-VNNI: $(grep -qw avx_vnni /proc/cpuinfo && echo yes || echo no); $(date -u +%Y-%m-%dT%H:%MZ); $rounds rounds"
"$peer_python" "$here/report.py" "$out/results.jsonl"
