"""PyTorch side of the recommendation benchmark: the same model, batches, optimizer and timing rule as Program.cs.

Matrix factorisation with item biases (3,000 users x 1,200 items, dim 32, batch 256 of (user, positive, negative)),
BPR loss, nn.Embedding(sparse=True), torch.optim.SparseAdam or Adagrad (its sparse path), one thread.
Prints one JSON object: {"peer": "torch", "case": ..., "seconds": median per step, "loss": ...}.
"""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

USERS, ITEMS, DIM, BATCH, BATCHES = 3000, 1200, 32, 256, 64


def batches():
    state, mask = 12345, (1 << 64) - 1
    out = []
    for _ in range(BATCHES):
        cols = []
        for n in (USERS, ITEMS, ITEMS):
            col = []
            for _ in range(BATCH):
                state = (state * 6364136223846793005 + 1442695040888963407) & mask
                col.append((state >> 33) % n)
            cols.append(torch.tensor(col))
        out.append(cols)
    return out


def main():
    case = sys.argv[1]
    torch.set_num_threads(1)
    torch.manual_seed(0)
    users = nn.Embedding(USERS, DIM, sparse=True)
    items = nn.Embedding(ITEMS, DIM, sparse=True)
    item_bias = nn.Embedding(ITEMS, 1, sparse=True)
    params = list(users.parameters()) + list(items.parameters()) + list(item_bias.parameters())
    if case == "mf_bpr_sparse_adam":
        opt = torch.optim.SparseAdam(params, lr=1e-3)
    elif case == "mf_bpr_sparse_adagrad":
        opt = torch.optim.Adagrad(params, lr=1e-2)
    else:
        raise SystemExit("unknown case " + case)
    data = batches()
    k = [0]
    last = [0.0]

    def step():
        u_idx, pos, neg = data[k[0] % BATCHES]
        k[0] += 1
        opt.zero_grad(set_to_none=True)
        u = users(u_idx)
        s_pos = (u * items(pos)).sum(1) + item_bias(pos).squeeze(1)
        s_neg = (u * items(neg)).sum(1) + item_bias(neg).squeeze(1)
        loss = -F.logsigmoid(s_pos - s_neg).mean()
        loss.backward()
        opt.step()
        last[0] = loss.item()

    t0, i = time.perf_counter(), 0
    while i < 300 or time.perf_counter() - t0 < 2.0:
        step()
        i += 1
    times = []
    for _ in range(7):
        t0 = time.perf_counter()
        for _ in range(200):
            step()
        times.append((time.perf_counter() - t0) / 200)
    times.sort()
    print(json.dumps({"peer": "torch", "case": case, "seconds": times[3], "loss": last[0]}))


if __name__ == "__main__":
    main()
