#!/usr/bin/env bash
# Time to accuracy: each side's own TPE + Hyperband search of the demo's space (Astrolabe; Optuna 3.1 + PyTorch 1.13
# on OpenBLAS, oneDNN convolutions), one trial at a time, until a model reaches the target test accuracy; the two
# sides alternate per seed. Prints one row per seed and the median ratio.
# Usage: bench/Astrolabe.Bench.ModelSearch/run_tta.sh [seeds="1 2 3 4 5"] [target=0.975] [max trials=40] [max epochs=4] [threads=1]
#        (or SEEDS, TARGET, MAX_TRIALS, MAX_EPOCHS, THREADS; PEER_PYTHON selects the peer interpreter, default /usr/bin/python3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seeds="${1:-${SEEDS:-1 2 3 4 5}}"
target="${2:-${TARGET:-0.975}}"
max_trials="${3:-${MAX_TRIALS:-40}}"
max_epochs="${4:-${MAX_EPOCHS:-4}}"
threads="${5:-${THREADS:-1}}"
peer_python="${PEER_PYTHON:-/usr/bin/python3}"
if ! "$peer_python" -c 'import optuna, torch' 2>/dev/null; then
    echo "The peer interpreter '$peer_python' lacks optuna or torch: set PEER_PYTHON." >&2
    exit 2
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

dotnet build -c Release "$here/Astrolabe.Bench.ModelSearch.csproj" -v quiet -nologo > "$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
bench=(dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.ModelSearch.dll")
source "$here/../peer_openblas.sh"
peer_env=(env LD_LIBRARY_PATH="$(openblas_dir)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads")
"${bench[@]}" configs 0 "$max_epochs" 0 "$out/space.json"
started="$(date -u +%Y-%m-%dT%H:%MZ)"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
for seed in $seeds; do
    echo "  seed $seed" >&2
    "${bench[@]}" tta "$seed" "$threads" "$target" "$max_trials" "$max_epochs" >> "$out/ours.jsonl"
    "${peer_env[@]}" "$peer_python" "$here/peer_tta.py" "$out/space.json" "$seed" "$threads" "$target" "$max_trials" "$here/../../data" >> "$out/peer.jsonl"
done

echo "$(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); .NET $(dotnet --version); started $started; load average at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg)"
"$peer_python" - "$out/ours.jsonl" "$out/peer.jsonl" <<'PY'
import json, statistics, sys
ours = {r["seed"]: r for r in map(json.loads, open(sys.argv[1]))}
peer = {r["seed"]: r for r in map(json.loads, open(sys.argv[2]))}
first = next(iter(ours.values()))
print(f"\nTime to a model at {first['target']:.1%} test accuracy: each side's own TPE + Hyperband search, "
      f"{first['threads']} thread(s), at most the same number of trials.\n")
print("| seed | Astrolabe: wall (s), trials, epochs, model | Optuna + PyTorch: wall (s), trials, epochs, model | speed-up |")
print("|---|---|---|---:|")
ratios = []
def side(r):
    if not r["reached"]:
        return f"not reached in {r['trials']} trials ({r['seconds']:.1f} s, best test {r['test_acc']:.4f})"
    return f"{r['seconds']:.1f} s, trial #{r['trial']} of {r['trials']}, {r['epochs']} epochs, {r['family']} ({r['test_acc']:.4f})"
for seed in sorted(ours.keys() & peer.keys()):
    o, p = ours[seed], peer[seed]
    both = o["reached"] and p["reached"]
    if both:
        ratios.append(p["seconds"] / o["seconds"])
    print(f"| {seed} | {side(o)} | {side(p)} | {p['seconds'] / o['seconds']:.2f}×{'' if both else ' (not both reached)'} |")
if ratios:
    print(f"\nMedian speed-up over the {len(ratios)} seeds where both reached the target: **{statistics.median(ratios):.2f}×**"
          f" (wall, time to the target; {sum(o['seconds'] for o in ours.values()):.0f} s against {sum(p['seconds'] for p in peer.values()):.0f} s in all).")
PY
