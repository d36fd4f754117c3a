"""Markdown summary of bench/Astrolabe.Bench.Onnx: export time and bytes per side, and ONNX Runtime latency of both
files (median over rounds; the ratio is the median of per-round ratios, ours / PyTorch's: 1.00 = equal)."""
import json, statistics, sys

rows = [json.loads(line) for line in open(sys.argv[1])]
export = {(r["model"], r["side"]): r for r in rows if r["side"] in ("astrolabe", "pytorch")}
print("| model | export ms: ours / torch.onnx.export | bytes: ours / PyTorch's (difference) |")
print("|---|---|---|")
for model in ("cnn", "mlp"):
    a, p = export[(model, "astrolabe")], export[(model, "pytorch")]
    print(f"| {model} | {a['export_ms']:.1f} / {p['export_ms']:.1f} ({p['export_ms'] / a['export_ms']:.1f}× faster) | "
          f"{a['bytes']} / {p['bytes']} ({(a['bytes'] - p['bytes']) / p['bytes'] * 100:+.2f} %) |")
print()
print("| model | ORT b1 ms: ours / PyTorch's file (ratio) | ORT b128 ms: ours / PyTorch's file (ratio) | largest probability difference |")
print("|---|---|---|---|")
for model in ("cnn", "mlp"):
    rs = [r for r in rows if r["side"] == "onnxruntime" and r["model"] == model]
    cells = []
    for b in (1, 128):
        ours = statistics.median(r["latency"][f"ours_b{b}_ms"] for r in rs)
        torch = statistics.median(r["latency"][f"torch_b{b}_ms"] for r in rs)
        ratio = statistics.median(r["latency"][f"ours_b{b}_ms"] / r["latency"][f"torch_b{b}_ms"] for r in rs)
        spread = sorted(r["latency"][f"ours_b{b}_ms"] / r["latency"][f"torch_b{b}_ms"] for r in rs)
        cells.append(f"{ours:.4f} / {torch:.4f} ({ratio:.3f}; rounds {spread[0]:.3f}–{spread[-1]:.3f})")
    print(f"| {model} | {cells[0]} | {cells[1]} | {max(r['max_probability_difference'] for r in rs):.2g} |")
