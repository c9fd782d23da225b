import argparse
import sys

import pandas as pd
from evidently.metric_preset import DataDriftPreset
from evidently.report import Report

from claims.features import CATEGORICAL, NUMERIC

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference", required=True)
    parser.add_argument("--current", required=True)
    parser.add_argument("--max-drift-share", type=float, default=0.33)
    args = parser.parse_args()
    columns = CATEGORICAL + NUMERIC
    report = Report(metrics=[DataDriftPreset(columns=columns)])
    report.run(reference_data=pd.read_parquet(args.reference)[columns], current_data=pd.read_parquet(args.current)[columns])
    report.save_html("drift.html")
    share = report.as_dict()["metrics"][0]["result"]["share_of_drifted_columns"]
    print(f"share of drifted columns: {share:.2f}")
    if share > args.max_drift_share:
        sys.exit(1)
