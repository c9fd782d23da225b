import torch
from torch import nn


class Tower(nn.Module):
    def __init__(self, n: int, dim: int):
        super().__init__()
        self.embedding = nn.Embedding(n, dim)
        self.mlp = nn.Sequential(nn.Linear(dim, dim), nn.ReLU(), nn.Linear(dim, dim))

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return nn.functional.normalize(self.mlp(self.embedding(ids)), dim=-1)


class TwoTower(nn.Module):
    def __init__(self, n_users: int, n_items: int, dim: int = 64):
        super().__init__()
        self.users = Tower(n_users, dim)
        self.items = Tower(n_items, dim)

    def forward(self, users, pos, neg):
        u = self.users(users)
        scores_pos = (u * self.items(pos)).sum(-1, keepdim=True)
        scores_neg = torch.einsum("bd,bnd->bn", u, self.items(neg))
        return torch.cat([scores_pos, scores_neg], dim=1)


def loss(scores: torch.Tensor) -> torch.Tensor:
    target = torch.zeros(scores.shape[0], dtype=torch.long)
    return nn.functional.cross_entropy(scores / 0.05, target)
