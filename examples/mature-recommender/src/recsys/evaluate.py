"""Holdout evaluation: baselines, slices from configs/slices.yaml, and the pre-serving gate."""
import argparse
import json
import sys

import lightgbm as lgb
import numpy as np
import pandas as pd
import yaml

from recsys.features import FEATURES, build


def ndcg_at_10(frame: pd.DataFrame, score: str) -> float:
    def one(g: pd.DataFrame) -> float:
        ranked = g.sort_values(score, ascending=False).head(10)["label"].to_numpy()
        ideal = g["label"].sort_values(ascending=False).head(10).to_numpy()
        disc = 1 / np.log2(np.arange(2, 12))
        best = (ideal * disc[: len(ideal)]).sum()
        return float((ranked * disc[: len(ranked)]).sum() / best) if best else 0.0

    return float(frame.groupby("request_id").apply(one).mean())


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baselines", default="", help="comma-separated: popularity,item-knn")
    ap.add_argument("--slices", help="YAML file of slices")
    ap.add_argument("--gate", action="store_true")
    ap.add_argument("--max-drop", type=float, default=0.005)
    ap.add_argument("--out", default="metrics/holdout.json")
    args = ap.parse_args()

    holdout = pd.read_parquet("data/candidates_holdout.parquet")
    holdout["score"] = lgb.Booster(model_file="models/ranker.txt").predict(build(holdout)[FEATURES])
    metrics = {"ndcg@10": ndcg_at_10(holdout, "score")}
    failures = []

    for name in filter(None, args.baselines.split(",")):
        column = {"popularity": "item_ctr_7d", "item-knn": "knn_score"}[name]
        metrics[f"baseline:{name}"] = ndcg_at_10(holdout, column)
        if metrics[f"baseline:{name}"] >= metrics["ndcg@10"]:
            failures.append(f"the {name} baseline is as good as the ranker")
    if args.slices:
        spec = yaml.safe_load(open(args.slices))
        for s in spec["slices"]:
            floor = s.get("min_ndcg", spec["defaults"]["min_ndcg"])
            parts = holdout.groupby(s["by"]) if "by" in s else [(s["name"], holdout.query(s["where"]))]
            for value, part in parts:
                metrics[f"slice:{s['name']}={value}"] = v = ndcg_at_10(part, "score")
                if v < floor:
                    failures.append(f"slice {s['name']}={value}: NDCG@10 {v:.3f} < {floor}")
    if args.gate:
        production = json.load(open("metrics/production.json"))["ndcg@10"]
        if metrics["ndcg@10"] < production - args.max_drop:
            failures.append(f"NDCG@10 {metrics['ndcg@10']:.4f} vs production {production:.4f}")

    json.dump(metrics, open(args.out, "w"), indent=2, sort_keys=True)
    for f in failures:
        print(f"FAIL {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
