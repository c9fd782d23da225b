"""Ranking service: GET /feed for the app, GET /debug/explain for engineers (VPN only)."""
import os

import lightgbm as lgb
import numpy as np
from fastapi import FastAPI, Query
from prometheus_client import Counter, Gauge, Histogram, make_asgi_app

from recsys.candidates import fetch_candidates
from recsys.features import FEATURES, build

MODEL_DIR = os.environ.get("MODEL_DIR", "/models/current")
ranker = lgb.Booster(model_file=f"{MODEL_DIR}/ranker.txt")

app = FastAPI(title="home-feed-ranker")
app.mount("/metrics", make_asgi_app())
LATENCY = Histogram("reco_rank_seconds", "Time to rank one feed request", buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5))
SERVED = Counter("reco_feed_items_served_total", "Items returned in feeds")
MODEL_CREATED = Gauge("reco_model_created_timestamp_seconds", "Creation time of the served ranker")
MODEL_CREATED.set(float(open(f"{MODEL_DIR}/created_at").read()))


@app.get("/feed")
def feed(user: int, limit: int = Query(40, le=100)) -> dict:
    with LATENCY.time():
        candidates = fetch_candidates(user)
        scores = np.nan_to_num(ranker.predict(build(candidates)), nan=-1e9, posinf=-1e9, neginf=-1e9)
        top = candidates.assign(score=scores).nlargest(limit, "score")
    SERVED.inc(len(top))
    return {"items": top["item_id"].tolist(), "model": os.path.basename(os.path.realpath(MODEL_DIR))}


@app.get("/debug/explain")
def explain(user: int, item: int) -> dict:
    """Feature values and SHAP contributions for one (user, item) pair, as served right now."""
    row = fetch_candidates(user, only_item=item)
    features = build(row)
    contrib = ranker.predict(features, pred_contrib=True)[0]
    return {
        "features": {k: float(v) for k, v in features.iloc[0].items()},
        "contributions": dict(zip(FEATURES + ["bias"], map(float, contrib))),
        "raw_score": float(ranker.predict(features)[0]),
    }
