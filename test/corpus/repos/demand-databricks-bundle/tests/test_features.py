import pandas as pd

from demand.features import lag_features


def test_lags_do_not_leak_the_current_week():
    weekly = pd.DataFrame({"store_id": [1] * 5, "sku": ["a"] * 5,
                           "week": pd.date_range("2026-01-05", periods=5, freq="W-MON"), "units": [1, 2, 3, 4, 5]})
    out = lag_features(weekly)
    assert out["units_lag_1"].tolist()[1:] == [1, 2, 3, 4]
    assert out["units_roll_4"].iloc[4] == 2.5
