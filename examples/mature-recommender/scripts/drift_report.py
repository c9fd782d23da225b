"""Evidently drift report between the training sample and the last day of served features."""
import argparse
import sys

import pandas as pd
import yaml
from evidently import ColumnMapping
from evidently.metric_preset import DataDriftPreset
from evidently.report import Report


def read(table: str, rows: int, window: str | None = None) -> pd.DataFrame:
    where = f"WHERE served_at > TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL {window[:-1]} HOUR)" if window else ""
    return pd.read_gbq(f"SELECT * FROM {table} {where} ORDER BY RAND() LIMIT {rows}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="monitoring/evidently_drift.yaml")
    cfg = yaml.safe_load(open(ap.parse_args().config))
    reference = read(cfg["reference"]["table"], cfg["reference"]["sample_rows"])
    current = read(cfg["current"]["table"], cfg["current"]["sample_rows"], cfg["current"]["window"])
    drift = cfg["metrics"][0]
    report = Report(metrics=[DataDriftPreset(stattest=drift["stattest"], stattest_threshold=drift["stattest_threshold"])])
    mapping = ColumnMapping(numerical_features=cfg["columns"]["numerical"],
                            categorical_features=cfg["columns"]["categorical"])
    report.run(reference_data=reference, current_data=current, column_mapping=mapping)
    report.save_html("drift_report.html")
    share = report.as_dict()["metrics"][0]["result"]["share_of_drifted_columns"]
    print(f"share of drifted columns: {share:.2f}")
    return 1 if share >= cfg["fail_when"]["share_of_drifted_columns"] else 0


if __name__ == "__main__":
    sys.exit(main())
