"""Runs every DVC stage on a synthetic day of traffic, then serves the result.

Slow (about 6 minutes); CI runs it in the pipeline-integration job only.
"""
import json
import shutil
import subprocess

import pytest

from tests.synthetic import candidates, events

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    work = tmp_path_factory.mktemp("pipeline")
    shutil.copytree(".", work, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".git", "data", "models"))
    (work / "data").mkdir()
    candidates(400, seed=11).to_parquet(work / "data/candidates_train.parquet")
    candidates(100, seed=12).to_parquet(work / "data/candidates_holdout.parquet")
    events(5000, seed=13).to_parquet(work / "data/interactions.parquet")
    # Every stage after extract, which would read the warehouse.
    subprocess.run(["dvc", "repro", "--force", "--single-item", "retrieval", "ranker", "evaluate"], cwd=work, check=True)
    return work


def test_pipeline_produces_ranker_and_metrics(workdir):
    assert (workdir / "models/ranker.txt").stat().st_size > 0
    metrics = json.loads((workdir / "metrics/holdout.json").read_text())
    assert 0.0 < metrics["ndcg@10"] <= 1.0


def test_pipeline_output_can_be_served(workdir, monkeypatch):
    (workdir / "models/created_at").write_text("1764288000")
    monkeypatch.setenv("MODEL_DIR", str(workdir / "models"))
    from fastapi.testclient import TestClient
    from recsys import serve

    monkeypatch.setattr(serve, "fetch_candidates", lambda user, **_: candidates(1))
    response = TestClient(serve.app).get("/feed", params={"user": 42, "limit": 10})
    assert response.status_code == 200
    assert len(response.json()["items"]) == 10
