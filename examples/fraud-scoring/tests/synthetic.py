"""Synthetic transaction extracts for tests: valid against the schema, about 3% fraud."""
import numpy as np
import pandas as pd

MCCS = ["4511", "5411", "5732", "5812", "5999", "7995"]


def make_extract(rows: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2026-05-01T00:00:00Z")
    df = pd.DataFrame(
        {
            "card_token": [f"tok_{x:032x}" for x in rng.integers(0, rows // 4, rows)],
            "event_time": start + pd.to_timedelta(np.sort(rng.integers(0, 190 * 86400, rows)), unit="s"),
            "amount": rng.lognormal(8, 1.2, rows).astype(int),
            "channel": rng.choice(["card_present", "ecommerce", "moto"], rows, p=[0.5, 0.45, 0.05]),
            "mcc": rng.choice(MCCS, rows),
            "merchant_chargeback_rate_30d": rng.beta(1, 200, rows),
            "device_first_seen_days": rng.exponential(90, rows),
        }
    )
    risk = (df["amount"] > 20000) & (df["device_first_seen_days"] < 1)
    df["is_fraud"] = (risk | (rng.random(rows) < 0.02)).astype(int)
    return df
