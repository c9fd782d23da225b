"""ALS candidate retrieval on implicit feedback (views, saves, purchases)."""
from functools import lru_cache

import numpy as np
import pandas as pd
from implicit.als import AlternatingLeastSquares
from scipy.sparse import csr_matrix

EVENT_WEIGHTS = {"view": 1.0, "save": 4.0, "purchase": 10.0}


def interaction_matrix(events: pd.DataFrame) -> csr_matrix:
    weights = events["event_type"].map(EVENT_WEIGHTS).fillna(0.0)
    return csr_matrix((weights, (events["user_idx"], events["item_idx"])))


def fit_als(params: dict, events_path: str, out_path: str) -> None:
    events = pd.read_parquet(events_path)
    model = AlternatingLeastSquares(
        factors=params["factors"],
        regularization=params["regularization"],
        iterations=params["iterations"],
        random_state=0,
    )
    model.fit(interaction_matrix(events))
    np.savez(out_path, users=model.user_factors, items=model.item_factors)


@lru_cache(maxsize=1)
def _factors(path: str = "/models/current/als.npz"):
    data = np.load(path)
    return data["users"], data["items"]


def score_items(user: int, items: list[int]) -> list[float]:
    users, item_factors = _factors()
    return (item_factors[items] @ users[user]).tolist()


def nearest_items(user: int, k: int) -> tuple[list[int], list[float]]:
    users, item_factors = _factors()
    scores = item_factors @ users[user]
    top = np.argpartition(-scores, k)[:k]
    return top.tolist(), scores[top].tolist()
