import os
import time

import lightgbm as lgb
from fastapi import FastAPI
from prometheus_client import Gauge, Histogram, make_asgi_app

from featurekit import bm25, query_doc_overlap

MODEL_PATH = os.environ.get("MODEL_PATH", "/models/ranker.txt")
booster = lgb.Booster(model_file=MODEL_PATH)

LATENCY = Histogram("ranking_request_seconds", "Re-ranking latency")
MODEL_AGE = Gauge("ranking_model_age_seconds", "Seconds since the serving model was trained")
MODEL_AGE.set_function(lambda: time.time() - float(booster.attr("trained_at") or 0))

app = FastAPI()
app.mount("/metrics", make_asgi_app())


@app.post("/rerank")
def rerank(payload: dict) -> dict:
    with LATENCY.time():
        q = payload["query"]
        rows = [[bm25(q, d["title"], {}, 1, 8.0), bm25(q, d["body"], {}, 1, 120.0), query_doc_overlap(q, d["title"]),
                 d["ctr_7d"], d["age_days"], d["price_rank"]] for d in payload["docs"]]
        scores = booster.predict(rows)
        order = sorted(range(len(rows)), key=lambda i: -scores[i])
        return {"ids": [payload["docs"][i]["id"] for i in order]}
