import numpy as np

from landcover.transforms import MEAN, normalize, random_flip


def test_nodata_becomes_zero():
    tile = np.full((4, 2, 2), np.nan)
    assert (normalize(tile) == 0).all()


def test_mean_maps_to_zero():
    tile = np.broadcast_to(MEAN[:, None, None], (4, 3, 3))
    assert np.allclose(normalize(tile), 0)


def test_flip_keeps_tile_and_mask_aligned():
    tile = np.arange(16, dtype=np.float32).reshape(1, 4, 4)
    mask = np.arange(16).reshape(4, 4)
    out_tile, out_mask = random_flip(tile, mask, np.random.default_rng(3))
    assert (out_tile[0] == out_mask).all()
