"""Loading the training configuration."""
from credit.train import load_config


def test_config_has_features_and_params():
    config = load_config("config/model.yaml")
    assert config["features"]
    assert config["params"]["n_estimators"] > 0


def test_monotone_constraints_match_features():
    config = load_config("config/model.yaml")
    assert len(config["monotone_constraints"]) == len(config["features"])
