import pandas as pd


def velocity(df: pd.DataFrame, window: str = "1h") -> pd.Series:
    """Transactions per card in the trailing window, the current one included."""
    ordered = df.sort_values("ts").set_index("ts")
    counts = ordered.groupby("card_id")["amount"].rolling(window).count()
    return counts.reset_index(level=0, drop=True).reindex(ordered.index).to_numpy()


def build(df: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=df.index)
    out["amount"] = df["amount"]
    out["is_foreign"] = (df["merchant_country"] != df["card_country"]).astype(int)
    out["card_age_days"] = df["card_age_days"].fillna(-1)
    out["channel_ecom"] = (df["channel"] == "ecom").astype(int)
    return out
