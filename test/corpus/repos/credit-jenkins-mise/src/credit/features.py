import numpy as np
import pandas as pd

BANNED = {"gender", "age", "age_band", "nationality", "marital_status", "postcode"}


def build(applications: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    banned = BANNED.intersection(columns)
    if banned:
        raise ValueError(f"banned features requested: {sorted(banned)}")
    out = applications[columns].copy()
    out["existing_debt"] = out["existing_debt"].clip(lower=0)
    out["income_monthly"] = np.log1p(out["income_monthly"].clip(lower=0))
    return out
