import numpy as np

# Per-band mean and standard deviation of the 2025 training tiles (B2, B3, B4, B8).
MEAN = np.array([1354.4, 1118.2, 1042.9, 2386.1], dtype=np.float32)
STD = np.array([245.7, 333.0, 395.1, 620.5], dtype=np.float32)


def normalize(tile: np.ndarray) -> np.ndarray:
    """tile: (bands, H, W) reflectance in DN; returns standardised float32, NaNs (no-data) set to 0."""
    out = (tile.astype(np.float32) - MEAN[:, None, None]) / STD[:, None, None]
    return np.nan_to_num(out, nan=0.0)


def random_flip(tile: np.ndarray, mask: np.ndarray, rng: np.random.Generator):
    if rng.random() < 0.5:
        tile, mask = tile[:, :, ::-1], mask[:, ::-1]
    if rng.random() < 0.5:
        tile, mask = tile[:, ::-1, :], mask[::-1, :]
    return tile.copy(), mask.copy()
