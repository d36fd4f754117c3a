#!/usr/bin/env bash
# NSGA benchmark: Astrolabe's NsgaIISampler against Optuna 3.1's NSGAIISampler, both with their defaults
# (population 50, uniform crossover, crossover probability 0.9, mutation 1 / #parameters).
#   quality: ZDT1, ZDT2, ZDT3 (30 floats), DTLZ2 and C2-DTLZ2 (3 objectives, 12 floats), SEEDS seeds per side,
#            TRIALS trials; the hypervolume of the first BUDGETS Complete trials (feasible ones for C2-DTLZ2) against
#            each problem's reference point (Problems.cs / peer_nsga.py), Mann–Whitney U two-sided with Holm
#            correction over all rows (report.py);
#   cost:    a whole sequential study of COST_TRIALS trials of ZDT1 (ask, 30 suggestions, tell), NSGA-II and, for
#            the study's own share, the random sampler, median of COST_REPEATS, pinned to one core, after the
#            quality runs so that they do not share its core; COST_ROUNDS rounds, each running our side then the
#            peer's, and the ratios taken per round (report.py gives their median).
# Usage: SEEDS=20 TRIALS=1000 BUDGETS=500,1000 SHARDS=2 COST_TRIALS=1000 COST_REPEATS=3 COST_ROUNDS=7 bench/Astrolabe.Bench.Nsga/run.sh
# (the defaults; SHARDS peer processes run next to Astrolabe's quality run). QUALITY_ONLY=1 skips the cost run,
# COST_ONLY=1 the quality runs. Raw lines go to OUT_DIR (default: a fresh temporary folder), tables to standard output.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
peer="${PEER_PYTHON:-/usr/bin/python3}"
seeds="${SEEDS:-20}"
trials="${TRIALS:-1000}"
budgets="${BUDGETS:-500,1000}"
shards="${SHARDS:-2}"
cost_trials="${COST_TRIALS:-1000}"
cost_repeats="${COST_REPEATS:-3}"
cost_rounds="${COST_ROUNDS:-7}"
out="${OUT_DIR:-$(mktemp -d)}"
mkdir -p "$out"
dotnet build -c Release "$here" -v quiet -nologo >/dev/null
ours=(dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Nsga.dll")
one_core=()
if command -v taskset >/dev/null; then one_core=(taskset -c 0); fi

if [[ "${COST_ONLY:-0}" != 1 ]]; then
  for ((s = 0; s < shards; s++)); do
    first=$((seeds * s / shards)); next=$((seeds * (s + 1) / shards))
    "$peer" "$here/peer_nsga.py" quality "$trials" "$first" $((next - first)) "$budgets" >"$out/peer_q$s" &
  done
  "${ours[@]}" quality "$trials" 0 "$seeds" "$budgets" >"$out/ours_q"
  wait
  cat "$out"/peer_q[0-9]* >"$out/peer_q" && rm "$out"/peer_q[0-9]*
fi
if [[ "${QUALITY_ONLY:-0}" != 1 ]]; then
  # Rounds alternate the two sides, so that a change in the machine's load falls on both within a round.
  : >"$out/ours_cost"; : >"$out/peer_cost"
  for ((r = 0; r < cost_rounds; r++)); do
    "${one_core[@]}" "${ours[@]}" cost "$cost_trials" "$cost_repeats" >>"$out/ours_cost"
    "${one_core[@]}" "$peer" "$here/peer_nsga.py" cost "$cost_trials" "$cost_repeats" >>"$out/peer_cost"
  done
fi

optuna_version="$("$peer" -c 'import optuna; print(optuna.__version__)')"
echo "NSGA benchmark: Astrolabe NsgaIISampler vs Optuna $optuna_version NSGAIISampler (.NET $(dotnet --version), $(nproc) cores, raw results in $out)"
echo
"$peer" "$here/report.py" "$out"
