import numpy as np
import pandas as pd

from fraud import train


def test_fit_returns_probabilities(monkeypatch):
    monkeypatch.setattr(train, "PARAMS", {"n_estimators": 5, "max_depth": 2})
    rng = np.random.default_rng(1)
    df = pd.DataFrame({"amount": rng.uniform(1, 500, 100), "merchant_country": ["DE"] * 100, "card_country": ["DE"] * 100,
                       "card_age_days": rng.integers(0, 900, 100), "channel": ["pos"] * 100, "is_fraud": rng.integers(0, 2, 100)})
    model = train.fit(df)
    assert model.predict_proba(train.build(df)).shape == (100, 2)
