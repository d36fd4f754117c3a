#!/usr/bin/env bash
# PostgreSQL: throughput of 1, 4 and 8 worker processes (trivial objective, random sampler), Astrolabe vs
# Optuna 3.1's RDBStorage on the same server in the same run, and the time to read the best trial of a
# 100k-trial study. Uses ASTROLABE_TEST_POSTGRES when set, otherwise starts the local server of .ci/postgres.sh.
# Usage: bench/Astrolabe.Bench.Postgres/run.sh [seconds per run] [trials of the big study]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
peer="${PEER_PYTHON:-/usr/bin/python3}"
seconds="${1:-10}"
big="${2:-100000}"
if [ -z "${ASTROLABE_TEST_POSTGRES:-}" ]; then
  source "$here/../../.ci/postgres.sh"
fi
dotnet build -c Release "$here" -v quiet -nologo >/dev/null
bench=(dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Postgres.dll")
url="$("${bench[@]}" url "$ASTROLABE_TEST_POSTGRES")"
optuna_version="$("$peer" -c 'import optuna; print(optuna.__version__)')"
echo "Throughput on PostgreSQL $(psql --version | awk '{print $3}') (same server), random sampler, one float, trivial objective,"
echo "each worker a process with 1 thread, ${seconds} s per run; $(nproc) cores (Optuna $optuna_version, .NET $(dotnet --version))"
echo
echo "| workers | Astrolabe trials/s | Optuna trials/s | ratio |"
echo "|---|---|---|---|"
for w in 1 4 8; do
  ours="$("${bench[@]}" throughput "$ASTROLABE_TEST_POSTGRES" "$w" "$seconds")"
  theirs="$("$peer" "$here/optuna_workers.py" "$url" "$w" "$seconds")"
  awk -v w="$w" -v a="$(awk '{print $4}' <<<"$ours")" -v o="$(awk '{print $4}' <<<"$theirs")" \
    'BEGIN { printf "| %d | %.0f | %.1f | %.1f× |\n", w, a, o, a / o }'
done
echo
echo "Best trial of a ${big}-trial study (a fresh storage with an open connection for each read, median of 21):"
"${bench[@]}" best "$ASTROLABE_TEST_POSTGRES" "$big"
