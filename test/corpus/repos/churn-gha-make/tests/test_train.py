import numpy as np
import pandas as pd

from churn.features import build_features
from churn.train import fit

PARAMS = {"n_estimators": 20, "learning_rate": 0.1, "max_depth": 2, "random_state": 17}


def sample(n=200, seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "tenure_months": rng.integers(0, 72, n),
            "monthly_charges": rng.uniform(10, 120, n),
            "support_tickets_90d": rng.integers(0, 8, n),
            "plan": rng.choice(["basic", "plus", "family"], n),
            "churned_30d": rng.integers(0, 2, n),
        }
    )


def test_model_predicts_probabilities():
    frame = sample()
    proba = fit(frame, PARAMS).predict_proba(build_features(frame))
    assert proba.shape == (200, 2)
    assert np.allclose(proba.sum(axis=1), 1.0)


def test_training_is_deterministic():
    frame = sample()
    a = fit(frame, PARAMS).predict_proba(build_features(frame))
    b = fit(frame, PARAMS).predict_proba(build_features(frame))
    assert np.array_equal(a, b)
