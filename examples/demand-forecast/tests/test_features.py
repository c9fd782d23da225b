import pandas as pd

from forecast.features import lag_features, price_features


def test_lag_features_shift_within_store_and_item():
    frame = pd.DataFrame(
        {
            "store_id": [1] * 8 + [2] * 8,
            "item_id": [5] * 16,
            "date": list(pd.date_range("2026-01-01", periods=8)) * 2,
            "units_sold": list(range(8)) + list(range(100, 108)),
        }
    )
    out = lag_features(frame, lags=(7,))
    assert out.loc[(out.store_id == 1)].units_lag_7.iloc[7] == 0
    assert out.loc[(out.store_id == 2)].units_lag_7.iloc[7] == 100


def test_relative_price_is_one_for_constant_price():
    frame = pd.DataFrame({"item_id": [1, 1, 1], "price": [2.0, None, 2.0]})
    assert price_features(frame).relative_price.tolist() == [1.0, 1.0, 1.0]
