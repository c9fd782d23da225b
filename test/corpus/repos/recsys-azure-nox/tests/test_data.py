import numpy as np

from recsys.data import Interactions


def test_negatives_never_equal_the_positive():
    ds = Interactions(np.zeros(50, dtype=int), np.arange(50) % 3, n_items=3, negatives=8)
    for i in range(len(ds)):
        _, pos, neg = ds[i]
        assert (neg != pos).all()
