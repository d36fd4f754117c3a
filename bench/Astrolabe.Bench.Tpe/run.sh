#!/usr/bin/env bash
# TPE benchmark, Astrolabe vs Optuna 3.1 TPESampler side by side in one run:
#   quality: the problems of Problems.cs / peer_tpe.py, modes default, multivariate (and multivariate+group on the
#            mixed and conditional problems), SEEDS seeds per side, best-found regret at each budget, Mann–Whitney U
#            with Holm correction over all comparisons;
#   cost:    COST_TRIALS trials × 10 floats, trivial objective, univariate and multivariate, wall and CPU seconds;
#   growth:  Astrolabe's time per trial up to GROWTH_TRIALS trials.
# Everything runs at once (SHARDS peer quality shards, default 2, our quality, both cost runs, growth); CPU seconds are the robust measure
# when the machine is shared. Usage: SEEDS=20 TRIALS=300 BUDGETS=100,300 SHARDS=2 bench/Astrolabe.Bench.Tpe/run.sh
# (the defaults; the 100-trial budget is read off the first 100 trials of each 300-trial study, which is a 100-trial
# study: TPE does not look at the budget). QUALITY_ONLY=1 skips the cost and growth runs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
peer="${PEER_PYTHON:-/usr/bin/python3}"
seeds="${SEEDS:-20}"
trials="${TRIALS:-300}"
budgets="${BUDGETS:-100,300}"
cost_trials="${COST_TRIALS:-1000}"
growth_trials="${GROWTH_TRIALS:-10000}"
out="$(mktemp -d)"
dotnet build -c Release "$here" -v quiet -nologo >/dev/null
ours=(dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Tpe.dll")
shards="${SHARDS:-2}"
quality_only="${QUALITY_ONLY:-0}"
if [[ "$quality_only" != 1 ]]; then
  "$peer" "$here/peer_tpe.py" cost "$cost_trials" 10 univariate 1 >"$out/peer_cost_u" &
  "$peer" "$here/peer_tpe.py" cost "$cost_trials" 10 multivariate 1 >"$out/peer_cost_m" &
fi
for ((s = 0; s < shards; s++)); do
  first=$((seeds * s / shards)); next=$((seeds * (s + 1) / shards))
  "$peer" "$here/peer_tpe.py" quality "$trials" "$first" $((next - first)) "$budgets" >"$out/peer_q$s" &
done
if [[ "$quality_only" != 1 ]]; then
  "${ours[@]}" growth "$growth_trials" 10 >"$out/growth" &
  "${ours[@]}" cost "$cost_trials" 10 3 >"$out/ours_cost"
fi
"${ours[@]}" quality "$trials" 0 "$seeds" "$budgets" >"$out/ours_q"
wait
cat "$out"/peer_q[0-9]* >"$out/peer_q"
if [[ "$quality_only" != 1 ]]; then
  cat "$out/peer_cost_u" "$out/peer_cost_m" >"$out/peer_cost"
fi
optuna_version="$("$peer" -c 'import optuna; print(optuna.__version__)')"
echo "TPE benchmark: Astrolabe vs Optuna $optuna_version TPESampler (.NET $(dotnet --version), $(nproc) cores, raw results in $out)"
echo
"$peer" "$here/report.py" "$out"
