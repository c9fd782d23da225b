"""Feature code shared by the batch pipeline and the online service."""
import numpy as np
import pandas as pd

FEATURES = [
    "amount_log",
    "is_card_present",
    "merchant_category",
    "txn_count_10m",
    "txn_count_60m",
    "txn_count_1440m",
    "merchant_chargeback_rate_30d",
    "new_device",
]


def amount_log(amount: pd.Series) -> pd.Series:
    """log1p of the amount in minor units; negative amounts (refunds) are rejected upstream."""
    if (amount < 0).any():
        raise ValueError("negative amount reached feature code")
    return np.log1p(amount.astype("float64"))


def velocity(df: pd.DataFrame, window_minutes: int) -> pd.Series:
    """Transactions on the same card token in the trailing window, the current one included."""
    counts = (
        df.assign(_one=1)
        .sort_values("event_time")
        .groupby("card_token", group_keys=False)
        .apply(lambda g: g.rolling(f"{window_minutes}min", on="event_time")["_one"].sum())
    )
    return counts.reindex(df.index).astype("int32")


def build(df: pd.DataFrame, windows=(10, 60, 1440)) -> pd.DataFrame:
    out = pd.DataFrame(index=df.index)
    out["amount_log"] = amount_log(df["amount"])
    out["is_card_present"] = df["channel"].eq("card_present").astype("int8")
    out["merchant_category"] = df["mcc"].astype("category")
    for w in windows:
        out[f"txn_count_{w}m"] = velocity(df, w)
    out["merchant_chargeback_rate_30d"] = df["merchant_chargeback_rate_30d"].fillna(0.0)
    out["new_device"] = df["device_first_seen_days"].fillna(0).lt(1).astype("int8")
    return out[FEATURES]


def main() -> None:
    """DVC stage: raw extract -> train/holdout feature frames, split by time."""
    import argparse

    import yaml

    ap = argparse.ArgumentParser()
    ap.add_argument("--params", default="params.yaml")
    params = yaml.safe_load(open(ap.parse_args().params))
    raw = pd.read_parquet(params["data"]["extract"])
    frame = build(raw, params["features"]["velocity_windows_minutes"]).assign(is_fraud=raw["is_fraud"])
    cutoff = raw["event_time"].max() - pd.Timedelta(days=params["data"]["holdout_days"])
    frame[raw["event_time"] <= cutoff].to_parquet("data/features/train.parquet")
    frame[raw["event_time"] > cutoff].to_parquet("data/features/holdout.parquet")


if __name__ == "__main__":
    main()
