"""Feature computation shared by training and serving."""
import pandas as pd


def lag_features(frame: pd.DataFrame, lags=(7, 14, 28)) -> pd.DataFrame:
    """Units sold `lag` days earlier for the same store and item."""
    frame = frame.sort_values(["store_id", "item_id", "date"])
    grouped = frame.groupby(["store_id", "item_id"])["units_sold"]
    for lag in lags:
        frame[f"units_lag_{lag}"] = grouped.shift(lag)
    return frame


def price_features(frame: pd.DataFrame) -> pd.DataFrame:
    """Relative price against the item's 28-day median, missing prices filled forward."""
    frame["price"] = frame.groupby("item_id")["price"].ffill()
    median = frame.groupby("item_id")["price"].transform(lambda p: p.rolling(28, min_periods=1).median())
    frame["relative_price"] = frame["price"] / median
    return frame
