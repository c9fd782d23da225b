import argparse

import lightgbm as lgb
import pandas as pd
import yaml

from credit.features import build


def load_config(path: str) -> dict:
    with open(path) as f:
        return yaml.safe_load(f)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="config/model.yaml")
    args = parser.parse_args()
    config = load_config(args.config)
    data = pd.read_parquet("data/train.parquet")
    model = lgb.LGBMClassifier(monotone_constraints=config["monotone_constraints"], **config["params"])
    model.fit(build(data, config["features"]), data["defaulted_12m"])
    model.booster_.save_model("models/model.txt")
