"""A synthetic day of feed traffic: candidates with every raw column features.build needs."""
import numpy as np
import pandas as pd


def candidates(requests: int = 50, per_request: int = 30, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = requests * per_request
    df = pd.DataFrame(
        {
            "request_id": np.repeat(np.arange(requests), per_request),
            "user_id": np.repeat(rng.integers(1, 10_000, requests), per_request),
            "item_id": rng.integers(1, 200_000, n),
            "als_score": rng.normal(0.2, 0.1, n),
            "clicks_7d": rng.poisson(30, n),
            "impressions_7d": rng.poisson(1000, n) + 1,
            "item_age_days": rng.integers(0, 400, n),
            "sessions_30d": rng.poisson(12, n),
            "item_category": rng.choice(["home", "fashion", "tech", "toys"], n),
            "user_top_category": rng.choice(["home", "fashion", "tech", "toys"], n),
            "price": rng.lognormal(3.5, 0.8, n),
            "user_median_price": rng.lognormal(3.5, 0.5, n),
            "seller_rating": rng.uniform(3.0, 5.0, n),
            "knn_score": rng.normal(0.1, 0.05, n),
        }
    )
    signal = df["als_score"] + 0.3 * (df["item_category"] == df["user_top_category"])
    df["label"] = (signal + rng.normal(0, 0.1, n) > 0.45).astype(int)
    return df


def events(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "user_idx": rng.integers(0, 500, n),
            "item_idx": rng.integers(0, 2000, n),
            "event_type": rng.choice(["view", "save", "purchase"], n, p=[0.85, 0.1, 0.05]),
        }
    )
