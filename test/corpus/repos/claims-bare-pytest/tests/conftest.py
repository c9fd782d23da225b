import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def raw_claims():
    rng = np.random.default_rng(4)
    n = 120
    return pd.DataFrame({
        "claim_type": rng.choice(["motor", "home", "travel"], n), "region": rng.choice(["north", "south", None], n),
        "channel": rng.choice(["app", "phone"], n), "claimed_amount": rng.uniform(50, 400_000, n),
        "policy_age_days": rng.integers(1, 4000, n), "prior_claims_3y": rng.integers(0, 5, n),
        "incident_at": "2026-01-01", "reported_at": pd.to_datetime("2026-01-01") + pd.to_timedelta(rng.integers(0, 60, n), unit="D"),
        "needs_review": rng.integers(0, 2, n),
    })
