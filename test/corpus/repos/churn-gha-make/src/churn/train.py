import argparse

import mlflow
import pandas as pd
import yaml
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from churn.features import build_features
from churn.schema import customers


def fit(frame: pd.DataFrame, params: dict) -> GradientBoostingClassifier:
    model = GradientBoostingClassifier(**params)
    model.fit(build_features(frame), frame["churned_30d"])
    return model


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="configs/model.yaml")
    args = parser.parse_args()
    config = yaml.safe_load(open(args.config))
    params = {k: v for k, v in config["model"].items() if k != "kind"}

    frame = customers.validate(pd.read_parquet(config["data"]["path"]))
    train, test = train_test_split(frame, test_size=config["data"]["test_size"], random_state=params["random_state"])
    with mlflow.start_run():
        mlflow.log_params(params)
        model = fit(train, params)
        auc = roc_auc_score(test["churned_30d"], model.predict_proba(build_features(test))[:, 1])
        mlflow.log_metric("test_auc", auc)
        mlflow.sklearn.log_model(model, "model")


if __name__ == "__main__":
    main()
