import json
import pickle
import sys

import lightgbm as lgb
import pandas as pd
import yaml
from sklearn.metrics import log_loss, roc_auc_score

min_gain = yaml.safe_load(open("params.yaml"))["evaluate"]["min_gain_over_baseline"]
test = pd.read_parquet(f"{sys.argv[1]}/test.parquet")
features = [c for c in test.columns if c != "clicked"]
model = lgb.Booster(model_file=f"{sys.argv[2]}/model.txt")
baseline = pickle.load(open(f"{sys.argv[2]}/baseline.pkl", "rb"))
p = model.predict(test[features])
p_base = baseline.predict_proba(test[["position", "hour"]])[:, 1]
metrics = {"logloss": log_loss(test.clicked, p), "baseline_logloss": log_loss(test.clicked, p_base), "auc": roc_auc_score(test.clicked, p)}
metrics["gain_over_baseline"] = metrics["baseline_logloss"] - metrics["logloss"]
json.dump({k: round(v, 4) for k, v in metrics.items()}, open(sys.argv[3], "w"))
if metrics["gain_over_baseline"] < min_gain:
    sys.exit(f"model beats the baseline by {metrics['gain_over_baseline']:.4f} log loss, less than {min_gain}")
