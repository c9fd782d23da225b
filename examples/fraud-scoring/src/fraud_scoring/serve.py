"""FastAPI service: POST /score for the gateway, POST /explain for on-call debugging."""
import os
from datetime import datetime

import lightgbm as lgb
import pandas as pd
from fastapi import FastAPI
from prometheus_client import Counter, Histogram, make_asgi_app
from pydantic import BaseModel

from fraud_scoring.features import FEATURES, build

app = FastAPI(title="fraud-scoring")
app.mount("/metrics", make_asgi_app())
booster = lgb.Booster(model_file=os.environ.get("MODEL_PATH", "/models/current/model.txt"))
LATENCY = Histogram("fraud_score_seconds", "Time spent scoring one transaction")
REJECTED = Counter("fraud_invalid_requests_total", "Requests that failed input checks")


class Transaction(BaseModel):
    card_token: str
    event_time: datetime
    amount: int
    channel: str
    mcc: str
    merchant_chargeback_rate_30d: float | None = None
    device_first_seen_days: float | None = None


def _frame(txn: Transaction) -> pd.DataFrame:
    return build(pd.DataFrame([txn.model_dump()]))


@app.post("/score")
def score(txn: Transaction) -> dict:
    with LATENCY.time():
        if txn.amount < 0:
            REJECTED.inc()
            return {"score": None, "error": "negative amount"}
        return {"score": float(booster.predict(_frame(txn))[0])}


@app.post("/explain")
def explain(txn: Transaction) -> dict:
    """Features and per-feature SHAP contributions for one transaction."""
    row = _frame(txn)
    contrib = booster.predict(row, pred_contrib=True)[0]
    return {
        "features": row.iloc[0].astype(str).to_dict(),
        "contributions": dict(zip(FEATURES + ["bias"], map(float, contrib))),
    }
