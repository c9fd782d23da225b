import numpy as np
import torch
from torch.utils.data import Dataset


class Interactions(Dataset):
    """(user, positive item, sampled negative items) triples from an interaction log."""

    def __init__(self, users: np.ndarray, items: np.ndarray, n_items: int, negatives: int = 4, seed: int = 0):
        self.users, self.items, self.n_items, self.negatives = users, items, n_items, negatives
        self.rng = np.random.default_rng(seed)

    def __len__(self) -> int:
        return len(self.users)

    def __getitem__(self, i: int):
        neg = self.rng.integers(0, self.n_items, self.negatives)
        neg[neg == self.items[i]] = (self.items[i] + 1) % self.n_items
        return torch.tensor(self.users[i]), torch.tensor(self.items[i]), torch.from_numpy(neg)
