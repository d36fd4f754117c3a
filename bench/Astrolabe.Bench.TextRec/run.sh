#!/usr/bin/env bash
# Peer baselines for the text (austen) and ratings (insteval) tasks, on the fixed splits stored in data/: the numbers
# the searched sequence and recommendation models have to beat. One thread each; both searches take tens of minutes
# on a small machine (the MF loop is plain numpy SGD, one rating at a time, as the classic algorithm is).
# Usage: bench/Astrolabe.Bench.TextRec/run.sh [text|ratings]   (PEER_PYTHON selects the interpreter; default /usr/bin/python3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
peer_python="${PEER_PYTHON:-/usr/bin/python3}"
data="$here/../../data"
which="${1:-all}"
peer=(env OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 "$peer_python")

echo "$(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%Y-%m-%dT%H:%MZ)"
if [[ "$which" == all || "$which" == text ]]; then
    "${peer[@]}" "$here/peer_text.py" "$data"
fi
if [[ "$which" == all || "$which" == ratings ]]; then
    "${peer[@]}" "$here/peer_ratings.py" "$data"
fi
