"""PyTorch 1.13 side of the ONNX benchmark: the same architecture with our fp32 weights, wrapped so that, like our
export, it scales raw pixels with the model's preprocessing and outputs logits and probabilities; exported with
torch.onnx.export (opset 17, dynamic batch; BatchNorm folded by its constant folding) 21 times: median time, bytes.
Usage: peer_onnx.py DIR (written by `Astrolabe.Bench.Onnx export DIR`); writes DIR/<model>.torch.onnx."""
import json, os, sys, time
import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Astrolabe.Bench.Quant"))
from peer_quant import build, read_weights  # noqa: E402

torch.set_num_threads(1)
directory = sys.argv[1]


class Exported(nn.Module):
    def __init__(self, body, offset, scale):
        super().__init__()
        self.body = body
        self.register_buffer("offset", torch.tensor(offset).reshape(-1, *([1] * 3)) if len(offset) > 1 else torch.tensor(offset))
        self.register_buffer("scale", torch.tensor(scale).reshape(-1, *([1] * 3)) if len(scale) > 1 else torch.tensor(scale))

    def forward(self, x):
        logits = self.body((x - self.offset) / self.scale)
        return logits, torch.softmax(logits, dim=1)


for name in ("cnn", "mlp"):
    arch = json.load(open(f"{directory}/{name}.arch.json"))
    body = build(arch)
    state = {k.replace("buffer:", ""): v.reshape(body.state_dict()[k.replace("buffer:", "")].shape) for k, v in read_weights(f"{directory}/{name}.weights.bin").items()}
    body.load_state_dict(state, strict=False)
    pre = json.load(open(f"{directory}/{name}.preprocessing.json"))
    model = Exported(body, pre["offset"], pre["scale"]).eval()
    path = f"{directory}/{name}.torch.onnx"
    times = []
    for i in range(24):
        start = time.perf_counter()
        torch.onnx.export(model, torch.zeros(1, 1, 28, 28), path, opset_version=17, input_names=["input"],
                          output_names=["logits", "probabilities"], dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}, "probabilities": {0: "N"}})
        if i >= 3:
            times.append((time.perf_counter() - start) * 1e3)
    print(json.dumps({"side": "pytorch", "model": name, "export_ms": sorted(times)[len(times) // 2], "bytes": os.path.getsize(path)}), flush=True)
