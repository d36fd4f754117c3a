"""PyTorch 1.13 side of the int8 benchmark: the same architecture with our fp32 weights, quantised by PyTorch's
eager-mode post-training static quantisation on the onednn engine (its default onednn qconfig, Conv/Linear + BatchNorm
+ ReLU fused) with the same 512 calibration rows; then accuracy, top-1 agreement with its own fp32 model,
state_dict bytes, and one-thread latency at batch 1 and 128 (fp32 and int8 timed in alternation, median of 7 batches).
Usage: peer_quant.py DIR   (DIR written by `Astrolabe.Bench.Quant prepare DIR`); one JSON line per model.
build() and read_weights() are shared with bench/Astrolabe.Bench.Onnx/peer_onnx.py."""
import io, json, struct, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.ao.quantization as tq

torch.set_num_threads(1)
torch.backends.quantized.engine = "onednn"


def read_weights(path):
    def read_string(f):
        length, shift = 0, 0
        while True:
            b = f.read(1)[0]
            length |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                return f.read(length).decode("utf-8")

    arrays = {}
    with open(path, "rb") as f:
        (count,) = struct.unpack("<i", f.read(4))
        for _ in range(count):
            name = read_string(f)
            (n,) = struct.unpack("<i", f.read(4))
            arrays[name] = torch.from_numpy(np.frombuffer(f.read(4 * n), dtype="<f4").copy())
    return arrays


def build(arch):
    layers, previous = [], None
    for spec in arch:
        t = spec["type"]
        if t == "conv2d":
            layers.append(nn.Conv2d(spec["in"], spec["out"], spec["kernel"], stride=spec["stride"], padding=spec["padding"]))
        elif t == "linear":
            layers.append(nn.Linear(spec["in"], spec["out"]))
        elif t == "batchnorm":
            layers.append((nn.BatchNorm2d if previous == "conv2d" else nn.BatchNorm1d)(spec["channels"], eps=spec["eps"]))
        elif t == "layernorm":
            layers.append(nn.LayerNorm(spec["shape"], eps=spec["eps"]))
        elif t == "maxpool2d":
            layers.append(nn.MaxPool2d(spec["kernel"], spec["stride"]))
        elif t == "relu":
            layers.append(nn.ReLU())
        elif t == "flatten":
            layers.append(nn.Flatten())
        elif t == "dropout":
            layers.append(nn.Dropout())
        else:
            raise ValueError(t)
        if t in ("conv2d", "linear"):
            previous = t
    return nn.Sequential(*layers)


def fusions(arch):
    groups, i = [], 0
    while i < len(arch):
        if arch[i]["type"] in ("conv2d", "linear"):
            group = [str(i)]
            j = i + 1
            if j < len(arch) and arch[j]["type"] == "batchnorm":
                group.append(str(j)); j += 1
            # Eager mode fuses Linear+BatchNorm1d and Linear+ReLU, not all three: then the ReLU runs as its own int8 op.
            if j < len(arch) and arch[j]["type"] == "relu" and not (arch[i]["type"] == "linear" and len(group) == 2):
                group.append(str(j)); j += 1
            if len(group) > 1:
                groups.append(group)
            i = j
        else:
            i += 1
    return groups


class Quantizable(nn.Module):
    def __init__(self, body):
        super().__init__()
        self.quant, self.body, self.dequant = tq.QuantStub(), body, tq.DeQuantStub()

    def forward(self, x):
        return self.dequant(self.body(self.quant(x)))


def state_bytes(model):
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getbuffer().nbytes


def median_alternating(a, b, inner, repeats=7):
    end = time.perf_counter() + 1.0
    while time.perf_counter() < end:
        a(); b()
    ta, tb = [], []
    for _ in range(repeats):
        for f, times in ((a, ta), (b, tb)):
            start = time.perf_counter()
            for _ in range(inner):
                f()
            times.append((time.perf_counter() - start) / inner)
    return sorted(ta)[repeats // 2], sorted(tb)[repeats // 2]


def main(directory):
    labels = torch.tensor(json.load(open(f"{directory}/test.labels.json")))
    for name in ("cnn", "mlp"):
        arch = json.load(open(f"{directory}/{name}.arch.json"))
        shape = [1, 28, 28]
        test = torch.from_numpy(np.fromfile(f"{directory}/{name}.test.f32", dtype="<f4")).reshape(-1, *shape)
        calibration = torch.from_numpy(np.fromfile(f"{directory}/{name}.calibration.f32", dtype="<f4")).reshape(-1, *shape)
        fp32 = build(arch)
        missing, unexpected = fp32.load_state_dict({k.replace("buffer:", ""): v.reshape(fp32.state_dict()[k.replace("buffer:", "")].shape) for k, v in read_weights(f"{directory}/{name}.weights.bin").items()}, strict=False)
        assert not unexpected and all(k.endswith("num_batches_tracked") for k in missing), (missing, unexpected)
        fp32.eval()

        body = build(arch)
        body.load_state_dict(fp32.state_dict())
        body.eval()
        model = Quantizable(body)
        model.eval()
        if fusions(arch):
            model.body = tq.fuse_modules(model.body, fusions(arch))
        model.qconfig = tq.get_default_qconfig("onednn")
        tq.prepare(model, inplace=True)
        with torch.no_grad():
            model(calibration)
        int8 = tq.convert(model)

        with torch.no_grad():
            f_logits, q_logits = fp32(test), int8(test)
            latency = {}
            for batch in (1, 128):
                x = test[:batch].contiguous()
                f, q = median_alternating(lambda: fp32(x), lambda: int8(x), 200 if batch == 1 else 10)
                latency[f"fp32_b{batch}_ms"], latency[f"int8_b{batch}_ms"] = f * 1e3, q * 1e3
        print(json.dumps({
            "side": "pytorch", "model": name, "engine": torch.backends.quantized.engine, "torch": torch.__version__,
            "fp32_accuracy": (f_logits.argmax(1) == labels).float().mean().item(),
            "int8_accuracy": (q_logits.argmax(1) == labels).float().mean().item(),
            "agreement": (f_logits.argmax(1) == q_logits.argmax(1)).float().mean().item(),
            "fp32_bytes": state_bytes(fp32), "int8_bytes": state_bytes(int8), "latency": latency}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
