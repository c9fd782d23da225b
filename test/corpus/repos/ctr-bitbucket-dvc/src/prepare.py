import sys

import pandas as pd
import yaml

params = yaml.safe_load(open("params.yaml"))["prepare"]
raw = pd.read_parquet(sys.argv[1])
raw = raw[raw["ts"] >= raw["ts"].max() - pd.Timedelta(days=params["days"])]
cut = raw["ts"].quantile(1 - params["split"])
out = sys.argv[2]
raw[raw.ts < cut].to_parquet(f"{out}/train.parquet")
raw[raw.ts >= cut].to_parquet(f"{out}/test.parquet")
