import argparse
import json

import pandas as pd
import xgboost as xgb

from fraud.features import build

PARAMS = json.load(open("params.json"))


def fit(df: pd.DataFrame) -> xgb.XGBClassifier:
    model = xgb.XGBClassifier(**PARAMS)
    model.fit(build(df), df["is_fraud"])
    return model


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--register", action="store_true")
    args = parser.parse_args()
    model = fit(pd.read_parquet(args.data))
    model.save_model("model.json")
