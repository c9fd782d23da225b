import pandas as pd
import pytest

from recsys import features
from tests.synthetic import candidates


@pytest.mark.parametrize("column", sorted(features.IDENTIFYING))
def test_privacy_identifying_column_is_refused(column):
    df = candidates(requests=1).assign(**{column: "x"})
    with pytest.raises(ValueError, match=column):
        features.build(df)


def test_privacy_user_key_is_not_the_raw_id():
    raw = pd.Series([1001, 1002])
    hashed = features.hashed_user(raw, salt="s3")
    assert not set(hashed).intersection(raw)
    assert hashed.tolist() == features.hashed_user(raw, salt="s3").tolist()


def test_privacy_salt_changes_the_key():
    raw = pd.Series([1001])
    assert features.hashed_user(raw, "a").iloc[0] != features.hashed_user(raw, "b").iloc[0]
