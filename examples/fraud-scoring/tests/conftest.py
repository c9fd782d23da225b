import pandas as pd
import pytest


@pytest.fixture
def txns() -> pd.DataFrame:
    t0 = pd.Timestamp("2026-11-02T10:00:00Z")
    return pd.DataFrame(
        {
            "card_token": ["tok_" + "a" * 32] * 3 + ["tok_" + "b" * 32],
            "event_time": [t0, t0 + pd.Timedelta("5min"), t0 + pd.Timedelta("2h"), t0],
            "amount": [1250, 99900, 450, 3000],
            "channel": ["ecommerce", "ecommerce", "card_present", "moto"],
            "mcc": ["5732", "5732", "5411", "4511"],
            "merchant_chargeback_rate_30d": [0.002, 0.002, None, 0.010],
            "device_first_seen_days": [0.2, 0.2, 400.0, None],
            "is_fraud": [0, 1, 0, 0],
        }
    )
