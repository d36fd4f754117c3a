#!/usr/bin/env bash
# CMA-ES cost per trial, Astrolabe vs Optuna 3.1's CmaEsSampler, in the same run: a 10- and a 40-dimensional sphere,
# default options, in-memory storage, one thread on each side (the peer's BLAS pool bounded to one thread).
# Usage: bench/Astrolabe.Bench.CmaEs/cost.sh [trials=1000]     (PEER_PYTHON selects the peer interpreter)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
peer="${PEER_PYTHON:-/usr/bin/python3}"
trials="${1:-1000}"
dotnet build -c Release "$here" -v quiet -nologo >/dev/null
bench=(dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.CmaEs.dll")
echo "## Cost per trial ($trials trials, sphere, CmaEsSampler defaults, in-memory storage, 1 thread each, .NET $(dotnet --version))"
echo
echo "Process CPU time per trial (robust on a shared machine), wall time in brackets; medians over repeats (Astrolabe 5,"
echo "after whole runs for at least 3 s so that the JIT has settled; Optuna 3). \"Cold\": Astrolabe's first run in a fresh"
echo "process, JIT compilation included."
echo
echo "| dims | Astrolabe ms/trial | Astrolabe cold | Optuna ms/trial | Optuna / Astrolabe, CPU (wall) | Optuna / Astrolabe cold |"
echo "|---|---|---|---|---|---|"
for d in 10 40; do
  read -r _ _ ac aw acold <<<"$("${bench[@]}" cost "$d" "$trials" 5)"
  read -r _ _ oc ow <<<"$(cd "$here" && OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$peer" peer_cmaes.py cost "$d" "$trials" 3)"
  awk -v d="$d" -v ac="$ac" -v aw="$aw" -v acold="$acold" -v oc="$oc" -v ow="$ow" \
    'BEGIN { printf "| %d | %.3f (%.3f) | %.3f | %.3f (%.3f) | %.1f× (%.1f×) | %.1f× |\n", d, ac * 1000, aw * 1000, acold * 1000, oc * 1000, ow * 1000, oc / ac, ow / aw, oc / acold }'
done
