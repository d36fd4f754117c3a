#!/usr/bin/env bash
# FLOP counts of one training step (forward with its loss, then backward) of the bench's MLP and CNN cases:
# Astrolabe's FlopCounter against PyTorch's profiler (torch.profiler, with_flops=True), side by side.
# The profiler counts matrix products and forward convolutions, not convolution backward; both sides leave out
# bias additions, activations, pooling and losses (PyTorch counts an elementwise add or mul where one runs; none
# does in these cases). Usage: bench/Astrolabe.Bench.Nn/flops.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
peer="${PEER_PYTHON:-/usr/bin/python3}"
dotnet build -c Release "$here" -v quiet -nologo >/dev/null
echo "| case | forward, Astrolabe | forward, PyTorch profiler | ratio | backward products (matmul/linear), Astrolabe | backward mm, PyTorch | backward convolutions, Astrolabe (PyTorch: not counted) |"
echo "|---|---|---|---|---|---|---|"
for c in mlp_64_128_10_b64 mlp_784_512_512_10_b128 cnn_28x28_b64; do
  ours="$(dotnet "$here/bin/Release/net10.0/Astrolabe.Bench.Nn.dll" flops "$c")"
  theirs="$("$peer" "$here/peer_torch.py" flops "$c")"
  "$peer" - "$ours" "$theirs" <<'PY'
import json, sys
ours, theirs = json.loads(sys.argv[1]), json.loads(sys.argv[2])
of, tf = sum(ours["forward"].values()), sum(theirs["forward"].values())
ob = sum(v for k, v in ours["backward"].items() if not k.startswith("conv2d"))
oc = sum(v for k, v in ours["backward"].items() if k.startswith("conv2d"))
tb = sum(theirs["backward"].values())
print(f"| {ours['case']} | {of:,} | {tf:,} | {of / tf:.4f} | {ob:,} | {tb:,} | {oc:,} |")
PY
done
