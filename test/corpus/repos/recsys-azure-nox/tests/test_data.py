import numpy as np

from recsys.data import Interactions


def test_negatives_never_equal_the_positive():
    ds = Interactions(np.zeros(50, dtype=int), np.arange(50) % 3, n_items=3, negatives=8)
    for i in range(len(ds)):
        _, pos, neg = ds[i]
        assert (neg != pos).all()


def test_rare_items_are_dropped_and_ids_are_contiguous():
    import pandas as pd

    from recsys.features import index_ids

    log = pd.DataFrame({"user_id": ["u1", "u2", "u1", "u3", "u2"], "item_id": ["a", "a", "b", "a", "a"]})
    kept, users, items = index_ids(log, min_item_count=2)
    assert set(kept["item_id"]) == {"a"}
    assert sorted(kept["user_idx"].unique()) == list(range(len(users)))
    assert items == {"a": 0}
