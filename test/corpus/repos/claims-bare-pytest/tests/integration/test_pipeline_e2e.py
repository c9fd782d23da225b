"""From a raw extract to a served prediction: train on sample data, load the artefact in the API."""
import importlib

from fastapi.testclient import TestClient

from claims.pipeline import run


def test_raw_claims_to_served_prediction(raw_claims, tmp_path, monkeypatch):
    path = tmp_path / "model.cbm"
    run(raw_claims, str(path), iterations=10)
    monkeypatch.setenv("MODEL_PATH", str(path))
    app = importlib.import_module("serving.app")
    client = TestClient(app.app)
    response = client.post("/triage", json={"claim_type": "motor", "region": "north", "channel": "app", "claimed_amount": 1200.0,
                                            "policy_age_days": 400, "prior_claims_3y": 0, "incident_at": "2026-02-01",
                                            "reported_at": "2026-02-03"})
    assert response.status_code == 200
    assert response.json()["route"] in {"manual", "fast_track"}
