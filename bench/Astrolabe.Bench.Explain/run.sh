#!/usr/bin/env bash
# Permutation importance against scikit-learn (see compare.py): linear models on breast_cancer, wine, iris and
# diabetes, REPEATS shuffles per feature (default 100), each with seeds 0 … SEEDS − 1 (default 5) on both sides.
# Raw JSON goes to OUT_DIR (default: a fresh temporary folder); the comparison table to standard output. The peer
# interpreter is PEER_PYTHON (default /usr/bin/python3, with python3-sklearn installed). Then the completeness error
# of integrated gradients on ROWS test rows (default 30) of small trained models, each trained with IG_SEEDS seeds
# (default 1) (Completeness.cs).
# Usage: REPEATS=100 SEEDS=5 ROWS=300 IG_SEEDS=4 bench/Astrolabe.Bench.Explain/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${OUT_DIR:-$(mktemp -d)}"
python="${PEER_PYTHON:-/usr/bin/python3}"
dotnet build -c Release "$here" -v quiet -nologo >/dev/null
dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Explain.dll" "$out" "${REPEATS:-100}" "${SEEDS:-5}"
"$python" "$here/compare.py" "$out" "${SEEDS:-5}"
echo
echo "Integrated gradients: completeness error on ${ROWS:-30} test rows"
dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Explain.dll" completeness "${ROWS:-30}" "${IG_SEEDS:-1}"
