import argparse
import sys

import lightgbm as lgb
import pandas as pd
from fairlearn.metrics import MetricFrame, demographic_parity_difference, equalized_odds_difference, false_negative_rate, selection_rate

from credit.features import build
from credit.train import load_config

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--max-dp-diff", type=float, required=True)
    parser.add_argument("--max-eo-diff", type=float, required=True)
    args = parser.parse_args()
    config = load_config("config/model.yaml")
    data = pd.read_parquet(args.data)
    model = lgb.Booster(model_file="models/model.txt")
    approved = (model.predict(build(data, config["features"])) < 0.12).astype(int)
    failures = []
    for attribute in config["protected_attributes_for_evaluation_only"]:
        frame = MetricFrame(metrics={"approval_rate": selection_rate, "fnr": false_negative_rate},
                            y_true=1 - data["defaulted_12m"], y_pred=approved, sensitive_features=data[attribute])
        print(frame.by_group.to_string())
        dp = demographic_parity_difference(1 - data["defaulted_12m"], approved, sensitive_features=data[attribute])
        eo = equalized_odds_difference(1 - data["defaulted_12m"], approved, sensitive_features=data[attribute])
        if dp > args.max_dp_diff or eo > args.max_eo_diff:
            failures.append(f"{attribute}: demographic parity {dp:.3f}, equalized odds {eo:.3f}")
    if failures:
        sys.exit("fairness limits exceeded: " + "; ".join(failures))
