"""Ranker features. The same functions back the Feast on-demand views used online."""
import numpy as np
import pandas as pd

FEATURES = [
    "user_item_affinity",
    "item_ctr_7d",
    "item_age_days",
    "user_activity_30d",
    "category_match",
    "price_vs_user_median",
    "seller_rating",
]

# Columns that must never reach a feature frame (see tests/unit/test_privacy.py).
IDENTIFYING = {"email", "phone", "full_name", "street_address", "ip_address", "raw_user_id"}


def hashed_user(raw_user_id: pd.Series, salt: str) -> pd.Series:
    """Stable pseudonymous user key; the raw id stays in the accounts service."""
    return pd.util.hash_pandas_object(raw_user_id.astype(str) + salt, index=False).astype("uint64")


def smoothed_ctr(clicks: pd.Series, impressions: pd.Series, prior_ctr=0.03, prior_weight=100) -> pd.Series:
    """Beta-smoothed click-through rate, so items with few impressions do not swing to 0 or 1."""
    return (clicks + prior_ctr * prior_weight) / (impressions + prior_weight)


def price_vs_user_median(price: pd.Series, user_median: pd.Series) -> pd.Series:
    ratio = price / user_median.replace(0, np.nan)
    return np.log(ratio).fillna(0.0).clip(-3, 3)


def build(candidates: pd.DataFrame) -> pd.DataFrame:
    leaked = IDENTIFYING & set(candidates.columns)
    if leaked:
        raise ValueError(f"identifying columns in candidate frame: {sorted(leaked)}")
    out = pd.DataFrame(index=candidates.index)
    out["user_item_affinity"] = candidates["als_score"].astype("float32")
    out["item_ctr_7d"] = smoothed_ctr(candidates["clicks_7d"], candidates["impressions_7d"])
    out["item_age_days"] = candidates["item_age_days"].clip(0, 365)
    out["user_activity_30d"] = candidates["sessions_30d"].fillna(0).astype("int32")
    out["category_match"] = (candidates["item_category"] == candidates["user_top_category"]).astype("int8")
    out["price_vs_user_median"] = price_vs_user_median(candidates["price"], candidates["user_median_price"])
    out["seller_rating"] = candidates["seller_rating"].fillna(4.0)
    return out[FEATURES]
