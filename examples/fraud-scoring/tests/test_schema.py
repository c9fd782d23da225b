import pandera as pa
import pytest

from schema.transactions_schema import transactions


def test_schema_accepts_valid_batch(txns):
    transactions.validate(txns.drop(columns="is_fraud"))


@pytest.mark.parametrize(
    "column,bad",
    [("amount", -1), ("channel", "fax"), ("mcc", "0000"), ("card_token", "4111111111111111")],
)
def test_schema_rejects_bad_value(txns, column, bad):
    txns.loc[0, column] = bad
    with pytest.raises(pa.errors.SchemaError):
        transactions.validate(txns)


def test_schema_rejects_chargeback_rate_above_one(txns):
    txns.loc[1, "merchant_chargeback_rate_30d"] = 1.7
    with pytest.raises(pa.errors.SchemaError):
        transactions.validate(txns)
