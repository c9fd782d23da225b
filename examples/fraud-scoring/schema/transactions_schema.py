"""Pandera schema of one transaction record, used on training extracts and on logged serving requests.

    python schema/transactions_schema.py data/raw/transactions.parquet
    python schema/transactions_schema.py --source serving-log --since 24h
"""
import argparse
import sys

import pandas as pd
import pandera as pa
from pandera import Check, Column

MCC_CODES = pd.read_csv("schema/mcc_codes.csv", dtype=str)["mcc"].tolist()

transactions = pa.DataFrameSchema(
    {
        "card_token": Column(str, Check.str_matches(r"^tok_[0-9a-f]{32}$")),
        "event_time": Column("datetime64[ns, UTC]"),
        "amount": Column(int, Check.in_range(0, 5_000_000)),
        "channel": Column(str, Check.isin(["card_present", "ecommerce", "moto"])),
        "mcc": Column(str, Check.isin(MCC_CODES)),
        "merchant_chargeback_rate_30d": Column(float, Check.in_range(0.0, 1.0), nullable=True),
        "device_first_seen_days": Column(float, Check.ge(0), nullable=True),
    },
    checks=[Check(lambda df: df["card_token"].notna().mean() == 1.0, name="no_missing_tokens")],
    strict=False,
)


def load(args) -> pd.DataFrame:
    if args.source == "serving-log":
        from fraud_scoring.request_log import read_requests

        return read_requests(since=args.since)
    return pd.read_parquet(args.path)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", default="data/raw/transactions.parquet")
    ap.add_argument("--source", choices=["extract", "serving-log"], default="extract")
    ap.add_argument("--since", default="24h")
    try:
        transactions.validate(load(ap.parse_args()), lazy=True)
    except pa.errors.SchemaErrors as err:
        print(err.failure_cases.head(50).to_string(), file=sys.stderr)
        sys.exit(1)
    print("schema OK")
