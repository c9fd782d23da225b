import pandas as pd

from churn.features import build_features


def frame():
    return pd.DataFrame(
        {
            "tenure_months": [0, 24],
            "monthly_charges": [0.0, 59.9],
            "support_tickets_90d": [0, 6],
            "plan": ["basic", "family"],
        }
    )


def test_plan_is_one_hot():
    out = build_features(frame())
    assert out[["plan_basic", "plan_plus", "plan_family"]].sum(axis=1).tolist() == [1, 1]


def test_zero_charges_do_not_produce_nan():
    assert build_features(frame())["log_charges"].notna().all()


def test_tickets_are_per_month():
    assert build_features(frame())["tickets_per_month"].tolist() == [0.0, 2.0]
