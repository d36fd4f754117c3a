#!/usr/bin/env bash
# Study overhead: N random-sampler trials × P float parameters, trivial objective, Astrolabe vs Optuna 3.1,
# in memory and on SQLite, in the same run. Usage: bench/Astrolabe.Bench.Study/run.sh [trials] [params]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
peer="${PEER_PYTHON:-/usr/bin/python3}"
trials="${1:-1000}"
params="${2:-10}"
dotnet build -c Release "$here" -v quiet -nologo >/dev/null
ours="$(dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Study.dll" "$trials" "$params" 5)"
theirs="$("$peer" "$here/peer_random.py" "$trials" "$params" 3)"
optuna_version="$("$peer" -c 'import optuna; print(optuna.__version__)')"
echo "Random sampler, $trials trials × $params floats, trivial objective, 1 thread (Optuna $optuna_version, .NET $(dotnet --version))"
echo
echo "| storage | Astrolabe (s, median) | Optuna (s, median) | speed-up |"
echo "|---|---|---|---|"
for storage in memory memory-nocost sqlite; do
  a="$(awk -v s="$storage" '$1==s {print $2}' <<<"$ours")"
  o="$(awk -v s="${storage%-nocost}" '$1==s {print $2}' <<<"$theirs")"
  awk -v s="$storage" -v a="$a" -v o="$o" 'BEGIN { printf "| %s | %.4f | %.4f | %.1f× |\n", s, a, o, o / a }'
done
