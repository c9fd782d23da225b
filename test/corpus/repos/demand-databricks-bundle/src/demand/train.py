import argparse

import lightgbm as lgb
import mlflow
import numpy as np
import pandas as pd
from mlflow import MlflowClient

from demand.features import LAGS


def wape(actual, forecast) -> float:
    return float(np.abs(np.asarray(actual) - np.asarray(forecast)).sum() / np.abs(actual).sum())


def seasonal_naive(frame: pd.DataFrame) -> pd.Series:
    """Baseline: the same week last year."""
    return frame["units_lag_52"].fillna(frame["units_roll_4"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--catalog", required=True)
    parser.add_argument("--register-as", default="challenger")
    args = parser.parse_args()
    spark = __import__("pyspark.sql", fromlist=["SparkSession"]).SparkSession.builder.getOrCreate()
    frame = spark.table(f"{args.catalog}.demand.training_features").toPandas()
    cutoff = frame["week"].max() - pd.Timedelta(weeks=8)
    train, valid = frame[frame.week <= cutoff], frame[frame.week > cutoff]
    features = [f"units_lag_{lag}" for lag in LAGS] + ["units_roll_4", "week_of_year", "price_index", "promo"]

    mlflow.set_registry_uri("databricks-uc")
    mlflow.autolog()
    with mlflow.start_run(run_name="weekly-retrain") as run:
        model = lgb.LGBMRegressor(n_estimators=800, learning_rate=0.03, num_leaves=63, seed=11)
        model.fit(train[features], train["units"])
        mlflow.log_metric("valid_wape", wape(valid["units"], model.predict(valid[features])))
        mlflow.log_metric("baseline_wape", wape(valid["units"], seasonal_naive(valid)))
        mlflow.lightgbm.log_model(model, "model", registered_model_name=f"{args.catalog}.demand.forecaster")
    version = MlflowClient().search_model_versions(f"run_id='{run.info.run_id}'")[0].version
    MlflowClient().set_registered_model_alias(f"{args.catalog}.demand.forecaster", args.register_as, version)


if __name__ == "__main__":
    main()
