import yaml

from fraud_scoring.features import FEATURES, build
from fraud_scoring.train import make_model
from tests.synthetic import make_extract

PARAMS = yaml.safe_load(open("params.yaml"))


def test_model_spec_uses_params_file():
    model = make_model(PARAMS)
    assert model.get_params()["num_leaves"] == PARAMS["model"]["num_leaves"]
    assert model.get_params()["random_state"] == PARAMS["model"]["seed"]


def test_model_spec_learns_a_planted_signal():
    df = make_extract(rows=3000, seed=1)
    X, y = build(df), df["is_fraud"]
    params = {"model": {**PARAMS["model"], "n_estimators": 50, "min_child_samples": 20}}
    model = make_model(params).fit(X[FEATURES], y)
    planted = (df["amount"] > 20000) & (df["device_first_seen_days"] < 1)
    assert model.predict_proba(X[planted])[:, 1].mean() > 0.5


def test_model_spec_is_deterministic():
    df = make_extract(rows=1000, seed=2)
    params = {"model": {**PARAMS["model"], "n_estimators": 20}}
    a = make_model(params).fit(build(df), df["is_fraud"]).predict_proba(build(df))
    b = make_model(params).fit(build(df), df["is_fraud"]).predict_proba(build(df))
    assert (a == b).all()


def test_model_spec_threshold_is_a_probability():
    assert 0.5 < PARAMS["serving"]["review_threshold"] < 1.0
