import pandas as pd

CATEGORICAL = ["claim_type", "region", "channel"]
NUMERIC = ["claimed_amount", "policy_age_days", "prior_claims_3y", "days_to_report"]


def build(claims: pd.DataFrame) -> pd.DataFrame:
    out = claims[CATEGORICAL + NUMERIC].copy()
    out["days_to_report"] = (pd.to_datetime(claims["reported_at"]) - pd.to_datetime(claims["incident_at"])).dt.days.clip(lower=0)
    out["claimed_amount"] = out["claimed_amount"].clip(upper=250_000)
    out[CATEGORICAL] = out[CATEGORICAL].fillna("unknown").astype(str)
    return out
