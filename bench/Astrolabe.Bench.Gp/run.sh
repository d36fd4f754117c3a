#!/usr/bin/env bash
# GP sampler benchmark: Astrolabe's GpSampler against Optuna 3.1's multivariate TPESampler (3.1 has no GPSampler).
#   quality: the TPE bench's problems (Problems.cs / peer_tpe.py, shared), SEEDS seeds per side, TRIALS trials,
#            best-found regret at each of BUDGETS (read off the first trials of each study: neither sampler looks
#            at the budget), Mann–Whitney U two-sided with Holm correction over all rows (report.py);
#   cost:    GpSampler's time per proposal (ask, suggestions, tell) after n = COST_N finished trials × 10 floats,
#            sphere objective, pinned to one core: median and mean of max(COST_ASKS, ⌈n / 10⌉) proposals (the window
#            holds one refit of the GP's hyperparameters, see Program.cs), in each of COST_RUNS processes one
#            after another (the medians over the runs are reported: on a shared machine one run's figures vary up
#            to 2×); it runs after the quality runs, alone, so that they do not share its core.
# Usage: SEEDS=20 TRIALS=50 BUDGETS=25,50 SHARDS=2 COST_N=10,25,50,100,200,300,500 COST_ASKS=5 COST_RUNS=5 \
#   bench/Astrolabe.Bench.Gp/run.sh
# (the defaults; SHARDS peer processes run next to Astrolabe's quality run). QUALITY_ONLY=1 skips the cost run,
# COST_ONLY=1 the quality runs. Raw lines go to OUT_DIR (default: a fresh temporary folder), tables to standard output.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
peer="${PEER_PYTHON:-/usr/bin/python3}"
seeds="${SEEDS:-20}"
trials="${TRIALS:-50}"
budgets="${BUDGETS:-25,50}"
shards="${SHARDS:-2}"
cost_n="${COST_N:-10,25,50,100,200,300,500}"
cost_asks="${COST_ASKS:-5}"
cost_runs="${COST_RUNS:-5}"
out="${OUT_DIR:-$(mktemp -d)}"
mkdir -p "$out"
dotnet build -c Release "$here" -v quiet -nologo >/dev/null
ours=(dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Gp.dll")
one_core=()
if command -v taskset >/dev/null; then one_core=(taskset -c 0); fi

if [[ "${COST_ONLY:-0}" != 1 ]]; then
  for ((s = 0; s < shards; s++)); do
    first=$((seeds * s / shards)); next=$((seeds * (s + 1) / shards))
    "$peer" "$here/peer_gp.py" quality "$trials" "$first" $((next - first)) "$budgets" >"$out/peer_q$s" &
  done
  "${ours[@]}" quality "$trials" 0 "$seeds" "$budgets" >"$out/ours_q" 2>"$out/ours_q.log"
  wait
  cat "$out"/peer_q[0-9]* >"$out/peer_q" && rm "$out"/peer_q[0-9]*
fi
if [[ "${QUALITY_ONLY:-0}" != 1 ]]; then
  : >"$out/ours_cost"
  for ((r = 0; r < cost_runs; r++)); do
    "${one_core[@]}" "${ours[@]}" cost 10 "$cost_asks" "$cost_n" >>"$out/ours_cost"
  done
fi

optuna_version="$("$peer" -c 'import optuna; print(optuna.__version__)')"
echo "GP benchmark: Astrolabe GpSampler vs Optuna $optuna_version TPESampler(multivariate=True) (.NET $(dotnet --version), $(nproc) cores, raw results in $out)"
echo
"$peer" "$here/report.py" "$out"
if [[ -s "$out/ours_q.log" ]]; then
  echo "Astrolabe quality run: $(cat "$out/ours_q.log")"
fi
