from pathlib import Path

import lightning as L
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

from landcover.transforms import normalize, random_flip


class Tiles(Dataset):
    def __init__(self, root: str, train: bool):
        self.files = sorted(Path(root).glob("*.npz"))
        self.train, self.rng = train, np.random.default_rng(0)

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        item = np.load(self.files[i])
        tile, mask = normalize(item["tile"]), item["mask"]
        if self.train:
            tile, mask = random_flip(tile, mask, self.rng)
        return torch.from_numpy(tile), torch.from_numpy(mask.astype(np.int64))


class TileDataModule(L.LightningDataModule):
    def __init__(self, root: str, batch_size: int = 8):
        super().__init__()
        self.root, self.batch_size = root, batch_size

    def train_dataloader(self):
        return DataLoader(Tiles(self.root, True), batch_size=self.batch_size, shuffle=True)
