import os

import pandas as pd
from catboost import CatBoostClassifier
from fastapi import FastAPI
from pydantic import BaseModel

from claims.features import build

app = FastAPI()
model = CatBoostClassifier()
model.load_model(os.environ.get("MODEL_PATH", "model.cbm"))


class Claim(BaseModel):
    claim_type: str
    region: str
    channel: str
    claimed_amount: float
    policy_age_days: int
    prior_claims_3y: int
    incident_at: str
    reported_at: str


@app.post("/triage")
def triage(claim: Claim) -> dict:
    p = float(model.predict_proba(build(pd.DataFrame([claim.model_dump()])))[0, 1])
    return {"needs_review_probability": p, "route": "manual" if p >= 0.3 else "fast_track"}
