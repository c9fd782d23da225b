"""Candidate lookup: ALS neighbours from the vector index, features from the Feast online store."""
import pandas as pd
from feast import FeatureStore

from recsys.retrieval import nearest_items, score_items

store = FeatureStore(repo_path="feature_repo")
ONLINE_FEATURES = [
    "item_stats:clicks_7d",
    "item_stats:impressions_7d",
    "item_stats:item_age_days",
    "item_stats:item_category",
    "item_stats:price",
    "item_stats:seller_rating",
    "user_profile:sessions_30d",
    "user_profile:user_top_category",
    "user_profile:user_median_price",
]


def fetch_candidates(user: int, k: int = 500, only_item: int | None = None) -> pd.DataFrame:
    if only_item is not None:
        items, scores = [only_item], score_items(user, [only_item])
    else:
        items, scores = nearest_items(user, k)
    frame = pd.DataFrame({"user_id": user, "item_id": items, "als_score": scores})
    rows = frame[["user_id", "item_id"]].to_dict("records")
    online = store.get_online_features(features=ONLINE_FEATURES, entity_rows=rows).to_df()
    return frame.merge(online, on=["user_id", "item_id"], how="left")
