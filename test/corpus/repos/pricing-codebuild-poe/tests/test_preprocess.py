import pandas as pd

from pipelines.preprocess import FEATURES, transform


def raw():
    return pd.DataFrame({"price": [20.0, 0.0], "event_date": ["2026-05-09", "2026-05-10"], "listed_at": ["2026-05-01", "2026-05-12"],
                         "remaining": [10, 5], "capacity": [100, 0], "competitor_median_price": [25.0, 10.0]})


def test_columns_and_no_missing_values():
    out = transform(raw())
    assert list(out.columns) == FEATURES
    assert not out.isna().any().any()


def test_days_to_event_is_never_negative():
    assert transform(raw())["days_to_event"].tolist() == [8, 0]
