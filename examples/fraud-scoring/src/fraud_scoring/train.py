"""Train the LightGBM fraud model from the DVC feature outputs."""
import argparse

import lightgbm as lgb
import mlflow
import pandas as pd
import yaml

from fraud_scoring.features import FEATURES


def make_model(params: dict) -> lgb.LGBMClassifier:
    p = params["model"]
    return lgb.LGBMClassifier(
        objective=p["objective"],
        num_leaves=p["num_leaves"],
        learning_rate=p["learning_rate"],
        n_estimators=p["n_estimators"],
        min_child_samples=p["min_child_samples"],
        scale_pos_weight=p["scale_pos_weight"],
        random_state=p["seed"],
        deterministic=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--params", default="params.yaml")
    args = parser.parse_args()
    params = yaml.safe_load(open(args.params))
    train = pd.read_parquet("data/features/train.parquet")
    with mlflow.start_run(run_name="fraud-lgbm"):
        mlflow.log_params(params["model"])
        model = make_model(params).fit(train[FEATURES], train["is_fraud"])
        model.booster_.save_model("models/model.txt")
        mlflow.log_artifact("models/model.txt")


if __name__ == "__main__":
    main()
