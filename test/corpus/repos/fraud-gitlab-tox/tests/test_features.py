import pandas as pd

from fraud.features import build


def test_foreign_flag():
    df = pd.DataFrame({"amount": [10.0, 20.0], "merchant_country": ["DE", "FR"], "card_country": ["DE", "DE"],
                       "card_age_days": [100, None], "channel": ["pos", "ecom"]})
    out = build(df)
    assert out["is_foreign"].tolist() == [0, 1]
    assert out["card_age_days"].tolist() == [100, -1]
    assert out["channel_ecom"].tolist() == [0, 1]
