import lightgbm as lgb

FEATURES = ["bm25_title", "bm25_body", "overlap_title", "doc_ctr_7d", "doc_age_days", "price_rank"]


def make_ranker() -> lgb.LGBMRanker:
    return lgb.LGBMRanker(objective="lambdarank", n_estimators=600, learning_rate=0.05, num_leaves=63,
                          min_child_samples=50, lambdarank_truncation_level=20, random_state=13)
