#!/usr/bin/python3
"""Plain PyTorch LightGCN on the Gowalla LightGCN split, timed for a fixed number of batches.

The reference for "seconds per epoch" beside our trainer: 64 dims, 3 layers, BPR with one
uniformly sampled negative per positive, Adam 1e-3, batches of 2048 (user, positive, negative)
triples, the whole user-item graph propagated (torch.sparse.mm) for every batch, as the LightGCN
authors' PyTorch code does. An epoch is one pass over the 810,128 train interactions, i.e.
ceil(810128 / 2048) = 396 batches; the script times --batches of them and extrapolates.

Run with Debian's interpreter and torch (apt-get install python3-torch):
  /usr/bin/python3 training/bench/reference/lightgcn_reference.py --data ../shared/data/gowalla-lightgcn
"""
import argparse
import math
import time

import numpy as np
import torch


def read_lines(paths):
    users, items = [], []
    for path in paths:
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) < 2:
                    continue
                u = int(parts[0])
                for i in parts[1:]:
                    users.append(u)
                    items.append(int(i))
    return np.array(users, dtype=np.int64), np.array(items, dtype=np.int64)


def normalized_adjacency(users, items, n_users, n_items):
    """D^-1/2 A D^-1/2 of the bipartite graph, (n_users + n_items)^2, no self-loops (LightGCN)."""
    rows = np.concatenate([users, items + n_users])
    cols = np.concatenate([items + n_users, users])
    deg = np.bincount(rows, minlength=n_users + n_items).astype(np.float32)
    inv = np.power(np.maximum(deg, 1), -0.5)
    vals = inv[rows] * inv[cols]
    index = torch.from_numpy(np.stack([rows, cols]))
    n = n_users + n_items
    return torch.sparse_coo_tensor(index, torch.from_numpy(vals.astype(np.float32)), (n, n)).coalesce()


class LightGCN(torch.nn.Module):
    def __init__(self, n_users, n_items, dims, layers, graph):
        super().__init__()
        self.n_users, self.layers, self.graph = n_users, layers, graph
        self.embedding = torch.nn.Parameter(torch.empty(n_users + n_items, dims))
        torch.nn.init.normal_(self.embedding, std=0.1)

    def propagate(self):
        out, x = self.embedding, self.embedding
        for _ in range(self.layers):
            x = torch.sparse.mm(self.graph, x)
            out = out + x
        return out / (self.layers + 1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="../shared/data/gowalla-lightgcn")
    p.add_argument("--batches", type=int, default=20, help="timed batches (after one warm-up batch)")
    p.add_argument("--batch", type=int, default=2048)
    p.add_argument("--dims", type=int, default=64)
    p.add_argument("--layers", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    rng = np.random.default_rng(42)

    users, items = read_lines([f"{a.data}/train.part1.txt", f"{a.data}/train.part2.txt"])
    n_users, n_items = int(users.max()) + 1, int(items.max()) + 1
    graph = normalized_adjacency(users, items, n_users, n_items)
    model = LightGCN(n_users, n_items, a.dims, a.layers, graph)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    batches_per_epoch = math.ceil(len(users) / a.batch)
    print(f"{n_users} users, {n_items} items, {len(users)} train pairs, graph nnz {graph._nnz()}, "
          f"{batches_per_epoch} batches/epoch, torch {torch.__version__}, {torch.get_num_threads()} threads")

    def step():
        pick = rng.integers(0, len(users), a.batch)
        u = torch.from_numpy(users[pick])
        pos = torch.from_numpy(items[pick])
        neg = torch.from_numpy(rng.integers(0, n_items, a.batch))
        emb = model.propagate()
        eu, ep, en = emb[u], emb[n_users + pos], emb[n_users + neg]
        bpr = torch.nn.functional.softplus((eu * en).sum(1) - (eu * ep).sum(1)).mean()
        ego = model.embedding
        reg = 1e-4 * 0.5 * (ego[u].pow(2).sum() + ego[n_users + pos].pow(2).sum()
                            + ego[n_users + neg].pow(2).sum()) / a.batch
        loss = bpr + reg
        opt.zero_grad()
        loss.backward()
        opt.step()
        return loss.item()

    step()  # warm-up
    start = time.perf_counter()
    for _ in range(a.batches):
        loss = step()
    per_batch = (time.perf_counter() - start) / a.batches
    print(f"{a.batches} batches: {per_batch:.3f} s/batch, loss {loss:.4f} -> "
          f"{per_batch * batches_per_epoch:.1f} s/epoch (extrapolated over {batches_per_epoch} batches)")


if __name__ == "__main__":
    main()
