import pandas as pd

from demand.train import seasonal_naive, wape


def test_wape():
    assert wape([10, 10], [8, 12]) == 0.2


def test_seasonal_naive_falls_back_to_the_rolling_mean():
    frame = pd.DataFrame({"units_lag_52": [5.0, None], "units_roll_4": [1.0, 3.0]})
    assert seasonal_naive(frame).tolist() == [5.0, 3.0]
