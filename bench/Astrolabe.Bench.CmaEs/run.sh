#!/usr/bin/env bash
# CMA-ES benchmark, Astrolabe vs Optuna 3.1 (its CmaEsSampler on the cmaes package), in the same run:
#  quality: best value (= regret, every optimum is 0) after N trials on the problem set of problems.py /
#           Problems.cs, over seeds; medians per problem and Mann–Whitney U with Holm's correction;
#  cost:    seconds per trial on a 10- and 40-dimensional sphere, 1 thread each side (cost.sh alone runs only this).
# Usage: bench/Astrolabe.Bench.CmaEs/run.sh [trials=1000] [seeds=20] [peer-processes=2]
# Raw lines go to results/ (OUT_DIR overrides), tables to standard output.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
peer="${PEER_PYTHON:-/usr/bin/python3}"
trials="${1:-1000}"
seeds="${2:-20}"
jobs="${3:-2}"
out="${OUT_DIR:-$here/results}"
mkdir -p "$out"
dotnet build -c Release "$here" -v quiet -nologo >/dev/null
bench=(dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.CmaEs.dll")

"${bench[@]}" quality "$trials" 0 "$seeds" default ipop:rastrigin,ackley bipop:rastrigin,ackley > "$out/ours.txt"
per=$(( (seeds + jobs - 1) / jobs ))
for ((j = 0; j < jobs; j++)); do
  start=$(( j * per )); count=$(( seeds - start < per ? seeds - start : per ))
  (cd "$here" && "$peer" peer_cmaes.py quality "$trials" "$start" "$count" default ipop:rastrigin,ackley > "$out/peer_$j.txt") &
done
wait
cat "$out"/peer_*.txt > "$out/peer.txt"

echo "## Quality: $trials trials, $seeds seeds (Optuna $("$peer" -c 'import optuna; print(optuna.__version__)'), cmaes $("$peer" -c 'import cmaes; print(cmaes.__version__)'))"
echo
"${bench[@]}" compare "$out/ours.txt" default "$out/peer.txt" default
echo
"${bench[@]}" compare "$out/ours.txt" ipop "$out/peer.txt" default rastrigin,ackley
echo
"${bench[@]}" compare "$out/ours.txt" ipop "$out/peer.txt" ipop rastrigin,ackley
echo
"${bench[@]}" compare "$out/ours.txt" bipop "$out/peer.txt" default rastrigin,ackley
echo
"$here/cost.sh" "$trials"
