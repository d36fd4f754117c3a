#!/usr/bin/env bash
# Terminator benchmark: TPE studies (TpeSampler, default options) of the TPE bench's problems
# (../Astrolabe.Bench.Tpe/Problems.cs, linked), SEEDS seeds each, TRIALS trials; after every trial from the 20th on
# (the Terminator's MinNTrials) the evaluators of EVALUATORS are consulted without stopping the study:
#   rb:   RegretBoundEvaluator (Optuna's default improvement) against MedianErrorEvaluator(RegretBoundEvaluator);
#   emmr: EMMREvaluator against MedianErrorEvaluator(EMMREvaluator) (Optuna's pairing for objectives without
#         cross-validation scores);
#   stagnation: BestValueStagnationEvaluator (30 trials without a new best) against StaticErrorEvaluator(0).
# The report (Program.cs, Report.cs) gives per problem the trial at which each terminator would stop, the trial at
# which the best value last improved by more than 1%, and the runs that would have stopped too early.
# Usage: SEEDS=10 TRIALS=200 SHARDS=2 EVALUATORS=rb,emmr,stagnation bench/Astrolabe.Bench.Terminator/run.sh
# (the defaults; SHARDS processes split the problems). Raw lines go to OUT_DIR/raw.gz (default: a fresh temporary
# folder), each shard's timing to OUT_DIR/raw<shard>.log; the tables to standard output.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seeds="${SEEDS:-10}"
trials="${TRIALS:-200}"
shards="${SHARDS:-2}"
evaluators="${EVALUATORS:-rb,emmr,stagnation}"
out="${OUT_DIR:-$(mktemp -d)}"
mkdir -p "$out"
dotnet build -c Release "$here" -v quiet -nologo >/dev/null
ours=(dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Terminator.dll")
problems=(sphere-10 sphere-20 rotated-ellipsoid-5 rosenbrock-4 rastrigin-5 rastrigin-20 ackley-5 styblinski-tang-5 branin-2 hartmann-6 levy-5 mixed-7 conditional-3)
for ((s = 0; s < shards; s++)); do
  mine=()
  for ((i = s; i < ${#problems[@]}; i += shards)); do mine+=("${problems[i]}"); done
  list="$(IFS=,; echo "${mine[*]}")"
  "${ours[@]}" run "$trials" 0 "$seeds" "$list" "$evaluators" >"$out/raw$s" 2>"$out/raw$s.log" &
done
wait
cat "$out"/raw[0-9] | gzip -9 >"$out/raw.gz" && rm "$out"/raw[0-9]
echo "Terminator benchmark: TPE, $seeds seeds, $trials trials, evaluators $evaluators (.NET $(dotnet --version), $(nproc) cores, raw results in $out)"
echo
"${ours[@]}" report "$out/raw.gz" "$trials"
