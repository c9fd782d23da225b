import pandas as pd

LAGS = (1, 2, 4, 52)


def lag_features(weekly: pd.DataFrame) -> pd.DataFrame:
    """weekly: one row per (store_id, sku, week) with `units`; adds lags and a 4-week rolling mean."""
    df = weekly.sort_values(["store_id", "sku", "week"]).copy()
    grouped = df.groupby(["store_id", "sku"])["units"]
    for lag in LAGS:
        df[f"units_lag_{lag}"] = grouped.shift(lag)
    df["units_roll_4"] = grouped.transform(lambda s: s.shift(1).rolling(4, min_periods=1).mean())
    df["week_of_year"] = pd.to_datetime(df["week"]).dt.isocalendar().week.astype(int)
    return df
