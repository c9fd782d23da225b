import pandas as pd
import pytest

from credit.features import build


def test_banned_features_are_refused():
    with pytest.raises(ValueError, match="gender"):
        build(pd.DataFrame({"gender": ["f"]}), ["gender"])


def test_debt_is_clipped_and_income_logged():
    out = build(pd.DataFrame({"existing_debt": [-5.0], "income_monthly": [0.0]}), ["existing_debt", "income_monthly"])
    assert out.iloc[0].tolist() == [0.0, 0.0]
