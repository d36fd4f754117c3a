"""Writes the fake-quantisation reference files (fake_quant_*.json) next to this script.

Run with a Python that has PyTorch 1.13 (Debian's python3-torch reports 1.13.0a0):

    python3 generate_fake_quant.py

Unlike the other reference files these are computed in float32, the only dtype fake quantisation is defined for,
and the replayer compares them exactly. Only the fake_quant_*.json files are written; the others are left alone.
The inputs are built to hit the cases that decide bit-exactness: exact .5 ties of x/scale (round half to even),
values that land exactly on and just past the clamp limits, values far outside the range (clamped, zero gradient),
and, for a scale that is not a power of two, values where x * (1/scale) and x / scale round differently (PyTorch
multiplies by the float32 inverse).
"""

import json
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = "PyTorch 1.13.0 torch.fake_quantize_per_*_affine, float32"
rng = np.random.default_rng(20240613)


def f32(v):
    return float(np.float32(v))


def tensor_json(t):
    t = t.detach().to(torch.float32)
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def ties(scale, zero_point, qmin, qmax, count):
    """x with x * (1/scale) exactly k + 0.5 in float32, k spread over and just beyond [qmin, qmax] - zero_point."""
    inv = np.float32(1.0) / np.float32(scale)
    lo, hi = qmin - zero_point - 2, qmax - zero_point + 2
    out = []
    for k in list(range(lo, lo + 3)) + list(range(hi - 3, hi)) + list(rng.integers(lo, hi, size=4 * count)):
        x = np.float32((k + 0.5) * scale)
        if np.float32(x * inv) == np.float32(k + 0.5):
            out.append(float(x))
        if len(out) == count:
            break
    assert len(out) == count, "not enough exact ties"
    return out


def edges(scale, zero_point, qmin, qmax):
    """x that quantise exactly to qmin - 1, qmin, qmax and qmax + 1."""
    return [f32((q - zero_point) * np.float32(scale)) for q in (qmin - 1, qmin, qmax, qmax + 1)]


def inverse_witnesses(scale, count):
    """x where rint(x * (1/scale)) differs from rint(x / scale) in float32: a few ulps around the ties."""
    s = np.float32(scale)
    inv = np.float32(1.0) / s
    found = []
    for k in range(-60, 60):
        tie = np.float32((k + 0.5) * s)
        for ulps in range(-4, 5):
            x = tie
            step = np.float32(np.inf) if ulps > 0 else np.float32(-np.inf)
            for _ in range(abs(ulps)):
                x = np.nextafter(x, step, dtype=np.float32)
            if np.rint(x * inv) != np.rint(x / s) and float(x) not in found:
                found.append(float(x))
    assert len(found) >= count, "too few values tell x * inv from x / scale"
    return [found[i] for i in np.linspace(0, len(found) - 1, count).astype(int)]


def per_tensor_case(name, scale, zero_point, qmin, qmax, shape, extra):
    n = int(np.prod(shape))
    base = list(extra)
    assert len(base) <= n
    randoms = (rng.standard_normal(n - len(base)) * (qmax - qmin) * scale / 3).astype(np.float32)
    data = np.array(base + [float(v) for v in randoms], dtype=np.float32)
    rng.shuffle(data)
    x = torch.tensor(data.reshape(shape), dtype=torch.float32, requires_grad=True)
    y = torch.fake_quantize_per_tensor_affine(x, scale, zero_point, qmin, qmax)
    go = torch.tensor(rng.standard_normal(shape), dtype=torch.float32)
    y.backward(go)
    return {
        "name": name,
        "op": "fake_quantize_per_tensor_affine",
        "config": {"scale": scale, "zero_point": zero_point, "quant_min": qmin, "quant_max": qmax},
        "inputs": {"x": tensor_json(x)},
        "params": {},
        "grad_output": tensor_json(go),
        "output": tensor_json(y),
        "grads": {"x": tensor_json(x.grad)},
        "generator": GENERATOR,
    }


def per_channel_case(name, scales, zero_points, axis, qmin, qmax, shape):
    scales = [f32(s) for s in scales]
    x = np.empty(shape, dtype=np.float32)
    moved = np.moveaxis(x, axis, 0)
    for c, (s, zp) in enumerate(zip(scales, zero_points)):
        n = moved[c].size
        special = ties(s, zp, qmin, qmax, 4) + edges(s, zp, qmin, qmax) + [f32(500 * s * (qmax - qmin)), f32(-500 * s * (qmax - qmin))]
        randoms = (rng.standard_normal(n - len(special)) * (qmax - qmin) * s / 3).astype(np.float32)
        values = np.array(special + [float(v) for v in randoms], dtype=np.float32)
        rng.shuffle(values)
        moved[c] = values.reshape(moved[c].shape)
    xt = torch.tensor(x, requires_grad=True)
    y = torch.fake_quantize_per_channel_affine(
        xt, torch.tensor(scales, dtype=torch.float32), torch.tensor(zero_points, dtype=torch.int32), axis, qmin, qmax)
    go = torch.tensor(rng.standard_normal(shape), dtype=torch.float32)
    y.backward(go)
    return {
        "name": name,
        "op": "fake_quantize_per_channel_affine",
        "config": {"scales": scales, "zero_points": zero_points, "axis": axis, "quant_min": qmin, "quant_max": qmax},
        "inputs": {"x": tensor_json(xt)},
        "params": {},
        "grad_output": tensor_json(go),
        "output": tensor_json(y),
        "grads": {"x": tensor_json(xt.grad)},
        "generator": GENERATOR,
    }


def qat_linear_case():
    """One QAT linear step as PyTorch's default fbgemm QAT recipe fake-quantises it: input per tensor (affine uint8,
    moving-average observer), weight per output channel (symmetric int8); a warm-up batch is observed first, so the
    recorded batch, twice as spread, is partly clamped by the averaged range."""
    from torch.ao.quantization import FakeQuantize
    from torch.ao.quantization.observer import MovingAveragePerChannelMinMaxObserver

    act = FakeQuantize()
    wfq = FakeQuantize(observer=MovingAveragePerChannelMinMaxObserver, quant_min=-128, quant_max=127,
                       dtype=torch.qint8, qscheme=torch.per_channel_symmetric, ch_axis=0)
    warmup = torch.tensor(rng.standard_normal((4, 6)), dtype=torch.float32, requires_grad=True)
    x = torch.tensor(rng.standard_normal((5, 6)) * 2, dtype=torch.float32, requires_grad=True)
    w = torch.tensor(rng.standard_normal((3, 6)) * 0.4, dtype=torch.float32, requires_grad=True)
    b = torch.tensor(rng.standard_normal(3) * 0.1, dtype=torch.float32, requires_grad=True)
    torch.nn.functional.linear(act(warmup), wfq(w), b)
    y = torch.nn.functional.linear(act(x), wfq(w), b)
    go = torch.tensor(rng.standard_normal((5, 3)), dtype=torch.float32)
    y.backward(go)
    return {
        "name": "fake_quant_qat_linear",
        "op": "qat_linear",
        "config": {"input_quant_min": 0, "input_quant_max": 255, "weight_quant_min": -128, "weight_quant_max": 127,
                   "averaging_constant": 0.01},
        "inputs": {"x_warmup": tensor_json(warmup), "x": tensor_json(x)},
        "params": {"weight": tensor_json(w), "bias": tensor_json(b)},
        "grad_output": tensor_json(go),
        "output": tensor_json(y),
        "grads": {"x": tensor_json(x.grad), "weight": tensor_json(w.grad), "bias": tensor_json(b.grad)},
        "generator": "PyTorch 1.13.0 torch.ao.quantization.FakeQuantize + torch.nn.functional.linear, float32",
    }


def far(scale, qmin, qmax):
    span = (qmax - qmin) * scale
    return [f32(10 * span), f32(-10 * span), f32(1000 * span), f32(-1000 * span)]


def main():
    cases = []

    s, zp, lo, hi = 2.0 ** -4, 113, 0, 255
    cases.append(per_tensor_case("fake_quant_uint8", s, zp, lo, hi, [8, 12],
                                 ties(s, zp, lo, hi, 16) + edges(s, zp, lo, hi) + far(s, lo, hi)))

    s, zp, lo, hi = f32(0.1), 0, -128, 127
    cases.append(per_tensor_case("fake_quant_int8_symmetric", s, zp, lo, hi, [6, 16],
                                 ties(s, zp, lo, hi, 12) + edges(s, zp, lo, hi) + far(s, lo, hi) + inverse_witnesses(s, 8)))

    s, zp, lo, hi = 2.0 ** -2, 3, 0, 15
    cases.append(per_tensor_case("fake_quant_4bit", s, zp, lo, hi, [5, 10],
                                 ties(s, zp, lo, hi, 10) + edges(s, zp, lo, hi) + far(s, lo, hi)))

    # Beyond 2^63 after the multiply, PyTorch's float-to-int64 cast gives INT64_MIN on x86, clamped to quant_min
    # whatever the sign (NaN and ±inf do the same); below that a far value clamps to its own side.
    s, zp, lo, hi = 2.0 ** -4, 10, 0, 255
    cases.append(per_tensor_case("fake_quant_overflow", s, zp, lo, hi, [2, 6],
                                 [1e20, -1e20, 3e38, -3e38, 1e17, -1e17, 5e17, -5e17]))

    cases.append(per_channel_case("fake_quant_per_channel_axis0", [2.0 ** -3, 0.02, 0.7, 2.0 ** -7], [0, 5, -7, 127],
                                  0, -128, 127, [4, 3, 4, 5]))
    cases.append(per_channel_case("fake_quant_per_channel_axis1", [0.05, 2.0 ** -5, 0.3], [-128, 0, 20],
                                  1, -128, 127, [3, 3, 4, 4]))

    cases.append(qat_linear_case())

    for case in cases:
        with open(os.path.join(HERE, case["name"] + ".json"), "w") as f:
            json.dump(case, f, indent=1)
            f.write("\n")
        print("wrote", case["name"] + ".json")


if __name__ == "__main__":
    main()
