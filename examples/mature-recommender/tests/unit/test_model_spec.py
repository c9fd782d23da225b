import yaml

from recsys.evaluate import ndcg_at_10
from recsys.features import FEATURES, build
from recsys.train import make_ranker, train_ranker
from tests.synthetic import candidates

CONFIG = yaml.safe_load(open("configs/model.yaml"))
SMALL = {**CONFIG, "ranker": {**CONFIG["ranker"], "n_estimators": 60, "min_child_samples": 5}}


def test_model_spec_reads_config():
    params = make_ranker(CONFIG).get_params()
    assert params["objective"] == "lambdarank"
    assert params["random_state"] == CONFIG["ranker"]["seed"]


def test_model_spec_feature_list_matches_code():
    assert CONFIG["features"] == FEATURES


def test_model_spec_beats_random_on_planted_signal():
    train, test = candidates(200, seed=1), candidates(50, seed=2)
    model = train_ranker(SMALL, train)
    test["score"] = model.predict(build(test))
    test["random"] = test["item_id"] % 97
    assert ndcg_at_10(test, "score") > ndcg_at_10(test, "random") + 0.1


def test_model_spec_training_is_deterministic():
    frame = candidates(80, seed=3)
    a = train_ranker(SMALL, frame).predict(build(frame))
    b = train_ranker(SMALL, frame).predict(build(frame))
    assert (a == b).all()
