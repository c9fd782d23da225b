"""Runs inside a SageMaker processing job: raw listings -> train/validation/test CSVs."""
import numpy as np
import pandas as pd

FEATURES = ["log_price", "days_to_event", "weekday", "inventory_ratio", "competitor_gap"]


def transform(raw: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=raw.index)
    out["log_price"] = np.log(raw["price"].clip(lower=0.01))
    out["days_to_event"] = (pd.to_datetime(raw["event_date"]) - pd.to_datetime(raw["listed_at"])).dt.days.clip(lower=0)
    out["weekday"] = pd.to_datetime(raw["event_date"]).dt.weekday
    out["inventory_ratio"] = raw["remaining"] / raw["capacity"].where(raw["capacity"] > 0)
    out["competitor_gap"] = raw["price"] - raw["competitor_median_price"]
    return out.fillna(0.0)


if __name__ == "__main__":
    raw = pd.read_csv("/opt/ml/processing/input/listings.csv")
    data = pd.concat([raw[["units_sold"]], transform(raw)], axis=1).sample(frac=1.0, random_state=0)
    n = len(data)
    data.iloc[: int(0.7 * n)].to_csv("/opt/ml/processing/train/train.csv", header=False, index=False)
    data.iloc[int(0.7 * n): int(0.85 * n)].to_csv("/opt/ml/processing/validation/validation.csv", header=False, index=False)
    data.iloc[int(0.85 * n):].to_csv("/opt/ml/processing/test/test.csv", header=False, index=False)
