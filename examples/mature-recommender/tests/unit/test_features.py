import numpy as np
import pandas as pd
import pytest

from recsys import features
from tests.synthetic import candidates


def test_features_ctr_is_smoothed_towards_prior():
    ctr = features.smoothed_ctr(pd.Series([0, 5]), pd.Series([0, 5]))
    assert ctr.iloc[0] == pytest.approx(0.03)
    assert 0.03 < ctr.iloc[1] < 1.0


def test_features_price_ratio_handles_zero_median():
    out = features.price_vs_user_median(pd.Series([10.0, 10.0]), pd.Series([0.0, 10.0]))
    assert out.tolist() == [0.0, 0.0]


def test_features_price_ratio_is_clipped():
    out = features.price_vs_user_median(pd.Series([1e6]), pd.Series([1.0]))
    assert out.iloc[0] == 3.0


def test_features_build_has_declared_columns_and_no_nans():
    out = features.build(candidates(requests=5))
    assert list(out.columns) == features.FEATURES
    assert not out.isna().any().any()


def test_features_category_match():
    df = candidates(requests=1)
    out = features.build(df)
    assert np.array_equal(out["category_match"], (df["item_category"] == df["user_top_category"]).astype("int8"))
