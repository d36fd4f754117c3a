#!/usr/bin/env bash
# Importance benchmark: Astrolabe's FanovaImportanceEvaluator and MeanDecreaseImpurityImportanceEvaluator against
# Optuna 3.1's on the very same trials. The C# side runs each problem of Problems.cs (RandomSampler, seed 0) and writes
# its Complete trials to OUT_DIR/<problem>.json; the peer (peer_importance.py) rebuilds them as an Optuna study with
# optuna.trial.create_trial. Each side evaluates every problem with forest seeds 0..SEEDS-1 (the 1,000-trial problem
# with SPEED_SEEDS on Optuna's side: one fANOVA of it takes minutes there), one thread each, one after the other.
# PED-ANOVA is timed on our side only (Optuna 3.1 has none).
# Usage: SEEDS=5 SPEED_SEEDS=2 bench/Astrolabe.Bench.Importance/run.sh   (the defaults)
# Raw lines go to OUT_DIR (default: a fresh temporary folder), the tables (report.py) to standard output.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
peer="${PEER_PYTHON:-/usr/bin/python3}"
seeds="${SEEDS:-5}"
speed_seeds="${SPEED_SEEDS:-2}"
out="${OUT_DIR:-$(mktemp -d)}"
mkdir -p "$out"
dotnet build -c Release "$here" -v quiet -nologo >/dev/null
ours=(dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Importance.dll")
"${ours[@]}" trials "$out"
DOTNET_PROCESSOR_COUNT=1 "${ours[@]}" ours "$out" "$seeds" >"$out/ours.txt"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$peer" "$here/peer_importance.py" "$out" "$seeds" "$speed_seeds" >"$out/peer.txt"
optuna_version="$("$peer" -c 'import optuna; print(optuna.__version__)')"
sklearn_version="$("$peer" -c 'import sklearn; print(sklearn.__version__)')"
echo "Importance benchmark: Astrolabe vs Optuna $optuna_version (scikit-learn $sklearn_version), $seeds seeds (.NET $(dotnet --version), $(nproc) cores, raw results in $out)"
echo
"$peer" "$here/report.py" "$out/ours.txt" "$out/peer.txt"
