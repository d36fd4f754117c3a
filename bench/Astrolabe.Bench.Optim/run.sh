#!/usr/bin/env bash
# Adam step on 16M float32 parameters: Astrolabe vs a .NET STREAM triad over the same bytes vs PyTorch 1.13
# Adam(foreach=True), with 1 and 2 threads, in one run. The peer interpreter is $PEER_PYTHON (default /usr/bin/python3).
# Usage: bench/Astrolabe.Bench.Optim/run.sh [size] [repeats]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dotnet build "$here/Astrolabe.Bench.Optim.csproj" -c Release -nologo -v quiet
cp "$here/peer_adam.py" "$here/bin/Release/net10.0/"
exec dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Optim.dll" "${1:-16777216}" "${2:-9}"
