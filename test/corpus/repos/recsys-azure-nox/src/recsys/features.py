"""Turns the raw interaction log into the model's inputs: contiguous user and item indices."""
import pandas as pd


def index_ids(log: pd.DataFrame, min_item_count: int = 5) -> tuple[pd.DataFrame, dict, dict]:
    """Drops items seen fewer than `min_item_count` times and maps ids to 0..n-1, in first-seen order."""
    counts = log["item_id"].value_counts()
    kept = log[log["item_id"].map(counts) >= min_item_count].copy()
    users = {u: i for i, u in enumerate(pd.unique(kept["user_id"]))}
    items = {v: i for i, v in enumerate(pd.unique(kept["item_id"]))}
    kept["user_idx"] = kept["user_id"].map(users)
    kept["item_idx"] = kept["item_id"].map(items)
    return kept, users, items
