#!/usr/bin/env bash
# How fast a large study's HTML report opens in headless Chromium.
# Writes the report of an N-trial SQLite study (the one Program.cs builds: 4 parameters, 80% complete, 15% pruned
# with 10 intermediate values, 5% failed) and opens it RUNS times. Per run it prints the time from navigation to the
# report's load event, measured inside the browser (the file parsed, its scripts run, every plot drawn), and the
# wall time of the whole Chromium process, whose start-up is shown by an empty page opened the same way.
# Usage: bench/Astrolabe.Bench.Dashboard/report.sh [trials=100000] [runs=3]
#   DB=file.db      keep the study there (built once, reused later)
#   REPORT=file     time this report instead of writing one (e.g. written by an older commit with the same DB)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
trials="${1:-100000}"
runs="${2:-3}"
chromium="${ASTROLABE_CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="${DB:-$work/bench.db}"
report="${REPORT:-}"
if [[ -z "$report" ]]; then
  report="$work/report.html"
  dotnet build -c Release "$here" -v quiet -nologo >/dev/null
  dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Dashboard.dll" --trials "$trials" --db "$db" --report "$report"
fi
report="$(realpath "$report")"
echo "report: $(stat -c %s "$report") bytes"

# The page under test loads the report into a 1400×1000 frame and records when the frame's load event fires.
# Reading the frame's document needs --allow-file-access-from-files.
cat > "$work/open.html" <<HTML
<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" style="width:1400px;height:1000px;border:0"></iframe>
<script>
var f = document.getElementById('f'), t0 = performance.now();
f.onload = function () {
  document.body.dataset.ms = (performance.now() - t0).toFixed(0);
  document.body.dataset.plots = f.contentDocument.body.dataset.plots || 'none';
};
f.src = 'file://$report';
</script></body></html>
HTML
echo '<!DOCTYPE html><html><body></body></html>' > "$work/empty.html"

open_page() {
  rm -rf "$work/profile"
  local start end dom
  start=$(date +%s.%N)
  dom=$("$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --no-default-browser-check \
    --disable-extensions --hide-scrollbars --mute-audio --allow-file-access-from-files --window-size=1400,1000 \
    --user-data-dir="$work/profile" --dump-dom "file://$1" 2>/dev/null)
  end=$(date +%s.%N)
  printf '%s wall %.2f s' "$(grep -o 'data-ms="[0-9]*" data-plots="[0-9a-z]*"' <<<"$dom" || true)" "$(awk "BEGIN { print $end - $start }")"
}

for ((r = 1; r <= runs; r++)); do
  echo "run $r: empty page: $(open_page "$work/empty.html"); report: $(open_page "$work/open.html")"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
