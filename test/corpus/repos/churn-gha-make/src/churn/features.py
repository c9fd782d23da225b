import numpy as np
import pandas as pd

PLANS = ["basic", "plus", "family"]


def build_features(df: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=df.index)
    out["tenure_years"] = df["tenure_months"] / 12.0
    out["log_charges"] = np.log1p(df["monthly_charges"].clip(lower=0))
    out["tickets_per_month"] = df["support_tickets_90d"] / 3.0
    for plan in PLANS:
        out[f"plan_{plan}"] = (df["plan"] == plan).astype(int)
    return out
