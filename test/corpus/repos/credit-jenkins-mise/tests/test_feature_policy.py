"""The model's feature list must not contain any attribute the feature policy bans."""
import yaml

from credit.features import BANNED


def test_config_uses_no_banned_feature():
    config = yaml.safe_load(open("config/model.yaml"))
    assert not BANNED.intersection(config["features"])


def test_protected_attributes_are_banned_as_features():
    config = yaml.safe_load(open("config/model.yaml"))
    assert set(config["protected_attributes_for_evaluation_only"]) <= BANNED
