#!/usr/bin/env bash
# Pruning benchmark on synthetic learning curves: random search without pruning, with MedianPruner() and with
# HyperbandPruner(1, EPOCHS, 3), same trial budget, then Optuna 3.1 on the same configurations and curves.
# Usage: bench/Astrolabe.Bench.Pruning/run.sh [seeds=20] [trials=100] [epochs=27] [hyperband min resource=1]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
peer="${PEER_PYTHON:-python3}"
if ! "$peer" -c 'import optuna' 2>/dev/null; then
  echo "The peer interpreter '$peer' has no optuna: set PEER_PYTHON to a Python with Optuna 3.1." >&2
  exit 2
fi
seeds="${1:-20}"
trials="${2:-100}"
epochs="${3:-27}"
min_resource="${4:-1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build -c Release "$here" -v quiet -nologo >/dev/null
dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Pruning.dll" "$seeds" "$trials" "$epochs" "$work/configs.json" "$min_resource" >"$work/ours.txt"
"$peer" "$here/peer_pruning.py" "$work/configs.json" "$epochs" "$min_resource" >"$work/theirs.txt"
optuna_version="$("$peer" -c 'import optuna; print(optuna.__version__)')"
echo "Random search, $trials trials of up to $epochs epochs, Hyperband min resource $min_resource, reduction factor 3 (Optuna $optuna_version, .NET $(dotnet --version))"
echo
"$peer" "$here/summarize.py" "$work/ours.txt" "$work/theirs.txt"
