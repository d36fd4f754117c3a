#!/usr/bin/env bash
# Model search end to end: Astrolabe (TPE + Hyperband, Astrolabe.Nn) against Optuna 3.1 + PyTorch 1.13 (OpenBLAS) on
# the same fixed lists of configurations, same data, trial budget, pruner and thread count; prints markdown tables.
# Usage: bench/Astrolabe.Bench.ModelSearch/run.sh [configs=16] [max epochs=4] [threads=1] [list seeds="1 2"]
#        (or CONFIGS, MAX_EPOCHS, THREADS, SEEDS in the environment; PEER_PYTHON selects the peer interpreter,
#        default /usr/bin/python3; RESULTS_DIR keeps the lists and both sides' JSON lines there)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
configs="${1:-${CONFIGS:-16}}"
max_epochs="${2:-${MAX_EPOCHS:-4}}"
threads="${3:-${THREADS:-1}}"
seeds="${4:-${SEEDS:-1 2}}"
peer_python="${PEER_PYTHON:-/usr/bin/python3}"
if ! "$peer_python" -c 'import optuna, torch' 2>/dev/null; then
    echo "The peer interpreter '$peer_python' lacks optuna or torch: set PEER_PYTHON." >&2
    exit 2
fi
if [ -n "${RESULTS_DIR:-}" ]; then
    out="$RESULTS_DIR"
    mkdir -p "$out"
    rm -f "$out/ours.jsonl" "$out/peer.jsonl"
else
    out="$(mktemp -d)"
    trap 'rm -rf "$out"' EXIT
fi

dotnet build -c Release "$here/Astrolabe.Bench.ModelSearch.csproj" -v quiet -nologo > "$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
bench=(dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.ModelSearch.dll")

source "$here/../peer_openblas.sh"
peer_env=(env LD_LIBRARY_PATH="$(openblas_dir)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads")
blas_info="$("${peer_env[@]}" "$peer_python" "$here/../Astrolabe.Bench.Nn/peer_torch.py" info)"
blas_gemm="$("${peer_env[@]}" "$peer_python" "$here/../Astrolabe.Bench.Nn/peer_torch.py" gemm_512 "$threads")"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
started="$(date -u +%Y-%m-%dT%H:%MZ)"

# Per list: draw it, then ours, then the peer, so load changes on a shared machine hit both sides alike.
for seed in $seeds; do
    echo "  list $seed: $configs configurations, up to $max_epochs epochs, $threads thread(s)" >&2
    "${bench[@]}" configs "$configs" "$max_epochs" "$seed" "$out/list-$seed.json"
    "${bench[@]}" run "$out/list-$seed.json" "$seed" "$threads" >> "$out/ours.jsonl"
    "${peer_env[@]}" "$peer_python" "$here/peer.py" "$out/list-$seed.json" "$seed" "$threads" "$here/../../data" >> "$out/peer.jsonl"
done

echo
echo "$(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); .NET $(dotnet --version); started $started; load average at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg)"
"$peer_python" - "$blas_info" "$blas_gemm" <<'PY'
import json, sys
info, gemm = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"Peer BLAS: {info['blas']} (PyTorch {info['version']}); its 512³ matmul at {gemm['threads']} thread(s): "
      f"{gemm['gflops']:.1f} GFLOP/s wall, {gemm['cpu_gflops']:.1f} per CPU-second.")
PY
echo
"${bench[@]}" report "$out/ours.jsonl" "$out/peer.jsonl"
