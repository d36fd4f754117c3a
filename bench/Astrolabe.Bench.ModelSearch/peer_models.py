"""PyTorch side of the model-search benchmark: the data, networks and training recipe of Astrolabe.ModelSearch.

Mirrors BuiltInTasks (mnist10k split and scaling), ModelBuilder (layers, optimizers, penalties, schedules) and
ModelTraining/Trainer (one step: zero grad, forward, cross-entropy (+ penalty), backward, clip, optimizer step,
schedule step; validation after every epoch in batches of max(batch size, 256)).
"""
import gzip
import os
import warnings

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# SequentialLR starts the cosine phase with step(0), which PyTorch 1.13 warns about; the rates are the same.
warnings.filterwarnings("ignore", message="The epoch parameter in ")

ACTIVATIONS = {
    "relu": nn.ReLU,
    "leaky_relu": lambda: nn.LeakyReLU(0.01),
    "gelu": nn.GELU,
    "silu": nn.SiLU,
    "elu": nn.ELU,
    "tanh": nn.Tanh,
}


class NonFiniteLoss(ArithmeticError):
    """The loss became NaN or infinite (Astrolabe's NonFiniteLossException); the study records a failed trial."""


def _read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_mnist10k(data_dir):
    """Samples 0-6,999 train, 7,000-7,999 validation, 8,000-9,999 test; pixels / 255, then one mean and one
    standard deviation over all training pixels (Preprocessing.Global)."""
    images = _read_idx(os.path.join(data_dir, "mnist10k-images-idx3-ubyte.gz")).astype(np.float32) / np.float32(255)
    labels = _read_idx(os.path.join(data_dir, "mnist10k-labels-idx1-ubyte.gz")).astype(np.int64)
    train = images[:7000].astype(np.float64)
    mean = train.mean()
    std = np.sqrt(((train - mean) ** 2).mean())
    scaled = (images - np.float32(mean)) / np.float32(std)
    x = torch.from_numpy(np.ascontiguousarray(scaled.reshape(-1, 1, 28, 28)))
    y = torch.from_numpy(labels)
    return {"train": (x[:7000], y[:7000]), "validation": (x[7000:8000], y[7000:8000]), "test": (x[8000:], y[8000:])}


def _norm(config, shape):
    if config["normalization"] == "batch":
        return [nn.BatchNorm1d(shape[0]) if len(shape) == 1 else nn.BatchNorm2d(shape[0])]
    if config["normalization"] == "layer":
        return [nn.LayerNorm(shape)]
    return []


def build(config, input_shape=(1, 28, 28), outputs=10):
    """ModelBuilder.Build: convolution blocks (CNN), Flatten, hidden dense layers, output layer."""
    layers = []
    c, h, w = input_shape
    features = c * h * w
    if config["family"] == "cnn":
        for channels in config["channels"]:
            layers += [nn.Conv2d(c, channels, 3, padding=1), *_norm(config, [channels, h, w]),
                       ACTIVATIONS[config["activation"]](), nn.MaxPool2d(2)]
            c, h, w = channels, h // 2, w // 2
        features = c * h * w
    layers.append(nn.Flatten())
    for width in config["hidden"]:
        layers += [nn.Linear(features, width), *_norm(config, [width]), ACTIVATIONS[config["activation"]]()]
        if config["dropout"] > 0:
            layers.append(nn.Dropout(config["dropout"]))
        features = width
    layers.append(nn.Linear(features, outputs))
    return nn.Sequential(*layers)


def optimizer(config, params):
    """ModelBuilder.Optimizers: PyTorch defaults except lr, SGD momentum (Nesterov when > 0) and weight decay."""
    lr, decay = config["learning_rate"], config["regularization"] if config["penalty"] == "weight_decay" else 0.0
    name = config["optimizer"]
    if name == "adam":
        return torch.optim.Adam(params, lr=lr, weight_decay=decay)
    if name == "adamw":
        return torch.optim.AdamW(params, lr=lr, weight_decay=decay)
    if name == "sgd":
        m = config["momentum"]
        return torch.optim.SGD(params, lr=lr, momentum=m, weight_decay=decay, nesterov=m > 0)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, weight_decay=decay)
    raise ValueError(f"unknown optimizer {name}")


def schedule(config, opt, total, per_epoch):
    """ModelBuilder.Schedules, stepped once per optimizer step over `total` steps."""
    name = config["schedule"]
    if name == "constant":
        return None
    if name == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=total)
    if name == "warmup_cosine":
        warmup = min(per_epoch, total // 2)
        return torch.optim.lr_scheduler.SequentialLR(opt, [
            torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.01, end_factor=1.0, total_iters=warmup),
            torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=max(1, total - warmup))], milestones=[warmup])
    raise ValueError(f"unknown schedule {name}")


def penalty(config, weights):
    """ModelBuilder.CreatePenalty: L1 λΣ|w| or L2 (λ/2)Σw² over the weights of the Linear and Conv2d layers."""
    lam = config["regularization"]
    if config["penalty"] == "l1":
        return lambda: lam * sum(w.abs().sum() for w in weights)
    if config["penalty"] == "l2":
        return lambda: 0.5 * lam * sum(w.pow(2).sum() for w in weights)
    return None


def accuracy(model, data, batch_size):
    """Trainer.Evaluate: evaluation mode, no graph, batches of max(batch size, 256)."""
    x, y = data
    was_training = model.training
    model.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, len(x), max(batch_size, 256)):
            out = model(x[start:start + max(batch_size, 256)])
            correct += (out.argmax(1) == y[start:start + max(batch_size, 256)]).sum().item()
    model.train(was_training)
    return correct / len(x)


def fit(config, train, validation, seed, on_epoch=None):
    """ModelTraining.Fit: returns the model (evaluation mode) and the last validation accuracy (or None)."""
    torch.manual_seed(seed)
    model = build(config)
    opt = optimizer(config, model.parameters())
    pen = penalty(config, [m.weight for m in model.modules() if isinstance(m, (torch.nn.Linear, torch.nn.Conv2d))])
    x, y = train
    bs, n = config["batch_size"], len(x)
    per_epoch = (n + bs - 1) // bs
    sched = schedule(config, opt, max(1, per_epoch * config["epochs"]), per_epoch)
    shuffle = torch.Generator().manual_seed(seed)
    score = None
    for epoch in range(1, config["epochs"] + 1):
        model.train()
        order = torch.randperm(n, generator=shuffle)
        for start in range(0, n, bs):
            idx = order[start:start + bs]
            opt.zero_grad()
            loss = F.cross_entropy(model(x[idx]), y[idx])
            if not torch.isfinite(loss):
                raise NonFiniteLoss(f"loss {loss.item()} in epoch {epoch}")
            if pen is not None:
                loss = loss + pen()
            loss.backward()
            if config["clip_norm"] > 0:
                nn.utils.clip_grad_norm_(model.parameters(), config["clip_norm"])
            opt.step()
            if sched is not None:
                sched.step()
        if validation is not None:
            score = accuracy(model, validation, bs)
            if on_epoch is not None:
                on_epoch(epoch, score)
    model.eval()
    return model, score
