"""Runs the DVC pipeline end to end on a synthetic 2,000-row extract, then calls the service."""
import json
import shutil
import subprocess

import pytest
from fastapi.testclient import TestClient

from tests.synthetic import make_extract

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def pipeline_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("pipeline")
    shutil.copytree(".", work, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".git", "data"))
    (work / "data/raw").mkdir(parents=True)
    make_extract(rows=2000, seed=7).to_parquet(work / "data/raw/transactions.parquet")
    subprocess.run(["dvc", "repro", "--force"], cwd=work, check=True)
    return work


def test_pipeline_writes_metrics(pipeline_run):
    metrics = json.loads((pipeline_run / "metrics/holdout.json").read_text())
    assert 0.0 < metrics["auc_pr"] <= 1.0


def test_pipeline_model_can_be_served(pipeline_run, monkeypatch):
    monkeypatch.setenv("MODEL_PATH", str(pipeline_run / "models/model.txt"))
    from fraud_scoring.serve import app

    body = {"card_token": "tok_" + "c" * 32, "event_time": "2026-11-02T10:00:00Z",
            "amount": 1999, "channel": "ecommerce", "mcc": "5732"}
    response = TestClient(app).post("/score", json=body)
    assert response.status_code == 200
    assert 0.0 <= response.json()["score"] <= 1.0
