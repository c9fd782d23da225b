import sys
import zlib

import numpy as np
import pandas as pd
import yaml

CATEGORICAL = ["advertiser_id", "placement", "device", "country", "query_category"]


def hash_feature(column: str, values: pd.Series, buckets: int) -> np.ndarray:
    return np.array([zlib.crc32(f"{column}={v}".encode()) % buckets for v in values.astype(str)], dtype=np.int64)


def featurize(df: pd.DataFrame, buckets: int) -> pd.DataFrame:
    out = pd.DataFrame({c: hash_feature(c, df[c], buckets) for c in CATEGORICAL})
    out["hour"] = pd.to_datetime(df["ts"]).dt.hour
    out["position"] = df["position"].clip(upper=20)
    out["clicked"] = df["clicked"].astype(int)
    return out


if __name__ == "__main__":
    buckets = yaml.safe_load(open("params.yaml"))["featurize"]["hash_buckets"]
    for split in ("train", "test"):
        featurize(pd.read_parquet(f"{sys.argv[1]}/{split}.parquet"), buckets).to_parquet(f"{sys.argv[2]}/{split}.parquet")
