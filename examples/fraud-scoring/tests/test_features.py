import numpy as np
import pandas as pd
import pytest

from fraud_scoring import features


def test_feature_amount_log_is_log1p(txns):
    out = features.amount_log(txns["amount"])
    assert out.iloc[0] == pytest.approx(np.log1p(1250))


def test_feature_amount_log_rejects_refunds():
    with pytest.raises(ValueError):
        features.amount_log(pd.Series([100, -5]))


def test_feature_velocity_counts_trailing_window(txns):
    counts = features.velocity(txns, 10)
    assert counts.tolist() == [1, 2, 1, 1]


def test_feature_velocity_separates_cards(txns):
    counts = features.velocity(txns, 1440)
    assert counts.tolist() == [1, 2, 3, 1]


def test_feature_build_returns_declared_columns_in_order(txns):
    out = features.build(txns)
    assert list(out.columns) == features.FEATURES
    assert out["new_device"].tolist() == [1, 1, 0, 1]
    assert out["merchant_chargeback_rate_30d"].isna().sum() == 0
