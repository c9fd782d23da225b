import pandas as pd

from src.featurize import featurize, hash_feature


def test_hashing_is_stable_and_in_range():
    values = pd.Series(["a", "b", "a"])
    hashed = hash_feature("device", values, 1024)
    assert hashed[0] == hashed[2]
    assert ((hashed >= 0) & (hashed < 1024)).all()


def test_position_is_capped():
    df = pd.DataFrame({"advertiser_id": [1], "placement": ["top"], "device": ["ios"], "country": ["DE"], "query_category": ["shoes"],
                       "ts": ["2026-03-01T13:00:00"], "position": [57], "clicked": [True]})
    out = featurize(df, 64)
    assert out["position"].tolist() == [20]
    assert out["hour"].tolist() == [13]
