"""Train the retrieval model and the ranker from configs/model.yaml."""
import argparse

import lightgbm as lgb
import mlflow
import pandas as pd
import yaml

from recsys.features import FEATURES, build


def make_ranker(config: dict) -> lgb.LGBMRanker:
    r = config["ranker"]
    return lgb.LGBMRanker(
        objective=r["objective"],
        num_leaves=r["num_leaves"],
        learning_rate=r["learning_rate"],
        n_estimators=r["n_estimators"],
        min_child_samples=r["min_child_samples"],
        colsample_bytree=r["feature_fraction"],
        random_state=r["seed"],
        deterministic=True,
    )


def train_ranker(config: dict, frame: pd.DataFrame) -> lgb.LGBMRanker:
    frame = frame.sort_values("request_id")
    groups = frame.groupby("request_id", sort=False).size().to_numpy()
    model = make_ranker(config)
    model.fit(build(frame)[FEATURES], frame["label"], group=groups, eval_at=config["ranker"]["eval_at"])
    return model


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("stage", choices=["retrieval", "ranker"])
    ap.add_argument("--config", default="configs/model.yaml")
    args = ap.parse_args()
    config = yaml.safe_load(open(args.config))
    mlflow.set_experiment(config["name"])
    with mlflow.start_run(run_name=args.stage):
        mlflow.log_params(config[args.stage])
        if args.stage == "ranker":
            model = train_ranker(config, pd.read_parquet("data/candidates_train.parquet"))
            model.booster_.save_model("models/ranker.txt")
            mlflow.log_artifact("models/ranker.txt")
        else:
            from recsys.retrieval import fit_als

            fit_als(config["retrieval"], "data/interactions.parquet", "models/als.npz")


if __name__ == "__main__":
    main()
