"""Fail when the production ranker is older than the limit set by the staleness study.

Run hourly by .github/workflows/monitoring.yml; the Prometheus rule
RecommenderModelStale pages on the same condition from the serving side.
"""
import argparse
import sys
import time

from mlflow import MlflowClient


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="home-feed-ranker")
    ap.add_argument("--max-age-days", type=float, default=8.0)
    args = ap.parse_args()

    version = MlflowClient().get_model_version_by_alias(args.model, "production")
    age_days = (time.time() - version.creation_timestamp / 1000) / 86400
    print(f"{args.model} v{version.version}: {age_days:.1f} days old (limit {args.max_age_days})")
    if age_days > args.max_age_days:
        print("::error::production model is stale; check the weekly retrain run", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
