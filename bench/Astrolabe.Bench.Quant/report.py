"""Markdown table of bench/Astrolabe.Bench.Quant results: per model and side, accuracy, agreement and bytes, and the
median over rounds of each latency; the ratios are medians of the per-round ratios (both sides measured in the round)."""
import json, statistics, sys

rows = [json.loads(line) for line in open(sys.argv[1])]
by = {}
for r in rows:
    by.setdefault((r["model"], r["side"]), []).append(r)

print("| model | side | fp32 acc | int8 acc | drop (pt) | top-1 agreement | fp32 bytes | int8 bytes | smaller | fp32 b1 ms | int8 b1 ms | fp32 b128 ms | int8 b128 ms |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for (model, side), rs in sorted(by.items()):
    r0 = rs[0]
    med = {k: statistics.median(r["latency"][k] for r in rs) for k in r0["latency"]}
    print(f"| {model} | {side} | {r0['fp32_accuracy']*100:.2f} % | {r0['int8_accuracy']*100:.2f} % | {(r0['fp32_accuracy']-r0['int8_accuracy'])*100:+.2f} | "
          f"{r0['agreement']*100:.2f} % | {r0['fp32_bytes']} | {r0['int8_bytes']} | {r0['fp32_bytes']/r0['int8_bytes']:.2f}× | "
          f"{med['fp32_b1_ms']:.4f} | {med['int8_b1_ms']:.4f} | {med['fp32_b128_ms']:.3f} | {med['int8_b128_ms']:.3f} |")

print()
print("| model | ours int8 vs ours fp32, b128 | b1 | ours int8 vs PyTorch int8, b128 | b1 | ours fp32 vs PyTorch fp32, b128 |")
print("|---|---|---|---|---|---|")
for model in sorted({m for m, _ in by}):
    ours, peer = by[(model, "astrolabe")], by[(model, "pytorch")]
    def ratio(f):
        return statistics.median(f(o, p) for o, p in zip(ours, peer))
    print(f"| {model} | {ratio(lambda o, p: o['latency']['fp32_b128_ms'] / o['latency']['int8_b128_ms']):.2f}× | "
          f"{ratio(lambda o, p: o['latency']['fp32_b1_ms'] / o['latency']['int8_b1_ms']):.2f}× | "
          f"{ratio(lambda o, p: p['latency']['int8_b128_ms'] / o['latency']['int8_b128_ms']):.2f}× | "
          f"{ratio(lambda o, p: p['latency']['int8_b1_ms'] / o['latency']['int8_b1_ms']):.2f}× | "
          f"{ratio(lambda o, p: p['latency']['fp32_b128_ms'] / o['latency']['fp32_b128_ms']):.2f}× |")
