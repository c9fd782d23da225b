"""Roll the served ranker back to an earlier registered version.

    python scripts/rollback_model.py                 # previous version
    python scripts/rollback_model.py --to-version 41

Moves the MLflow "production" alias, then points the Argo Rollout at the image
built for that version (tag `image` on the model version) and skips the canary.
"""
import argparse
import subprocess
import sys

from mlflow import MlflowClient

MODEL = "home-feed-ranker"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--to-version", type=int)
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()

    client = MlflowClient()
    current = client.get_model_version_by_alias(MODEL, "production")
    if args.to_version:
        target = client.get_model_version(MODEL, str(args.to_version))
    else:
        older = [v for v in client.search_model_versions(f"name='{MODEL}'")
                 if int(v.version) < int(current.version) and v.tags.get("served") == "true"]
        if not older:
            print("no earlier served version to roll back to", file=sys.stderr)
            return 1
        target = max(older, key=lambda v: int(v.version))

    image = target.tags["image"]
    print(f"rollback {MODEL}: v{current.version} -> v{target.version} ({image})")
    if args.dry_run:
        return 0
    client.set_registered_model_alias(MODEL, "production", target.version)
    client.set_model_version_tag(MODEL, current.version, "rolled_back", "true")
    kubectl = ["kubectl", "argo", "rollouts", "-n", "reco"]
    subprocess.run(kubectl + ["set", "image", "home-feed-ranker", f"ranker={image}"], check=True)
    subprocess.run(kubectl + ["promote", "home-feed-ranker", "--full"], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
