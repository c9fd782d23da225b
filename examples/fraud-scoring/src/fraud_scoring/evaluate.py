"""Holdout evaluation: baseline comparison, per-slice quality and the pre-serving gate."""
import argparse
import json
import sys

import lightgbm as lgb
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

from fraud_scoring.features import FEATURES

NUMERIC = [f for f in FEATURES if f != "merchant_category"]


def auc_pr(y, scores) -> float:
    return float(average_precision_score(y, scores))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline", choices=["logistic"])
    ap.add_argument("--slices", help="comma-separated columns to slice the holdout by")
    ap.add_argument("--gate", action="store_true")
    ap.add_argument("--min-auc-pr", type=float, default=0.60)
    ap.add_argument("--max-drop", type=float, default=0.01)
    ap.add_argument("--out", default="metrics/holdout.json")
    args = ap.parse_args()

    train = pd.read_parquet("data/features/train.parquet")
    holdout = pd.read_parquet("data/features/holdout.parquet")
    scores = lgb.Booster(model_file="models/model.txt").predict(holdout[FEATURES])
    metrics = {"auc_pr": auc_pr(holdout["is_fraud"], scores)}

    if args.baseline:
        base = LogisticRegression(max_iter=2000).fit(train[NUMERIC], train["is_fraud"])
        metrics["baseline_auc_pr"] = auc_pr(holdout["is_fraud"], base.predict_proba(holdout[NUMERIC])[:, 1])
        if metrics["auc_pr"] <= metrics["baseline_auc_pr"]:
            print("model does not beat the logistic baseline", file=sys.stderr)
            return 1
    if args.slices:
        holdout = holdout.assign(score=scores)
        for col in args.slices.split(","):
            for value, part in holdout.groupby(col, observed=True):
                if part["is_fraud"].sum() >= 50:
                    metrics[f"auc_pr[{col}={value}]"] = auc_pr(part["is_fraud"], part["score"])
    if args.gate:
        prod = json.load(open("metrics/production.json"))["auc_pr"]
        if metrics["auc_pr"] < args.min_auc_pr or metrics["auc_pr"] < prod - args.max_drop:
            print(f"gate failed: {metrics['auc_pr']:.4f} vs production {prod:.4f}", file=sys.stderr)
            return 1
    json.dump(metrics, open(args.out, "w"), indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
