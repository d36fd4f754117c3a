#!/usr/bin/env python3
"""Writes PyTorch reference trajectories for learning-rate schedules, in the format README.md describes.

Run with an interpreter that has PyTorch 1.13 (Debian's python3-torch): the interpreter is read from PEER_PYTHON
when a caller wraps this script, e.g.

    ${PEER_PYTHON:-/usr/bin/python3} tests/Astrolabe.Optim.Tests/Reference/generate_schedules.py tests/Astrolabe.Optim.Tests/Reference

Each case is a quadratic problem (loss = sum 0.5*c*(p - m)^2) on two parameters, plain SGD, and one scheduler; the
seed fixes the problem, so reruns write the same numbers.
"""
import json
import sys

import torch

CASES = [
    # OneCycleLR with three phases (up to max_lr, back down to the initial rate, then annealed to the minimum).
    ("sched_onecycle_three_phase", 11, {"type": "onecycle", "max_lr": 0.3, "total_steps": 40, "pct_start": 0.3,
                                         "anneal_strategy": "cos", "div_factor": 25.0, "final_div_factor": 10000.0,
                                         "three_phase": True}),
    ("sched_onecycle_three_phase_linear", 12, {"type": "onecycle", "max_lr": 0.5, "total_steps": 33, "pct_start": 0.25,
                                                "anneal_strategy": "linear", "div_factor": 10.0,
                                                "final_div_factor": 100.0, "three_phase": True}),
]


def scheduler(optimizer, spec):
    kwargs = {k: v for k, v in spec.items() if k != "type"}
    if spec["type"] == "onecycle":
        return torch.optim.lr_scheduler.OneCycleLR(optimizer, cycle_momentum=False, **kwargs)
    raise ValueError(f"unknown schedule type {spec['type']}")


def run(name, seed, spec, steps=None):
    steps = steps or spec.get("total_steps", 30)
    g = torch.Generator().manual_seed(seed)
    shapes = {"w": [3, 4], "b": [4]}
    init = {n: torch.randn(s, generator=g, dtype=torch.float64) for n, s in shapes.items()}
    curvature = {n: 0.25 + 4 * torch.rand(s, generator=g, dtype=torch.float64) for n, s in shapes.items()}
    center = {n: torch.randn(s, generator=g, dtype=torch.float64) for n, s in shapes.items()}
    params = {n: init[n].clone().requires_grad_(True) for n in shapes}
    lr = 0.1
    optimizer = torch.optim.SGD(params.values(), lr=lr)
    sched = scheduler(optimizer, spec)
    trajectory = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = sum((0.5 * curvature[n] * (params[n] - center[n]) ** 2).sum() for n in shapes)
        loss.backward()
        row_lr = optimizer.param_groups[0]["lr"]
        optimizer.step()
        trajectory.append({"loss": loss.item(), "lr": row_lr,
                           "params": {n: params[n].detach().flatten().tolist() for n in shapes}})
        sched.step()

    def tensor(t):
        return {"shape": list(t.shape), "data": t.flatten().tolist()}

    return {
        "name": name,
        "generator": f"PyTorch {torch.__version__} torch.optim, float64 (generate_schedules.py)",
        "params": [{"name": n, "shape": s, "init": init[n].flatten().tolist()} for n, s in shapes.items()],
        "problem": {"kind": "quadratic", "curvature": {n: tensor(curvature[n]) for n in shapes},
                    "center": {n: tensor(center[n]) for n in shapes}},
        "optimizer": {"type": "sgd", "lr": lr},
        "clip": None,
        "schedule": spec,
        "steps": steps,
        "trajectory": trajectory,
    }


def main(out_dir):
    for name, seed, spec in CASES:
        with open(f"{out_dir}/{name}.json", "w", encoding="utf-8") as f:
            json.dump(run(name, seed, spec), f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
