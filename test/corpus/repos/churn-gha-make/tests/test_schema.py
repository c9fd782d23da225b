import pandas as pd
import pandera as pa
import pytest

from churn.schema import customers


def test_negative_tenure_is_rejected():
    bad = pd.DataFrame({"customer_id": ["a"], "tenure_months": [-1], "monthly_charges": [1.0], "support_tickets_90d": [0], "plan": ["basic"]})
    with pytest.raises(pa.errors.SchemaError):
        customers.validate(bad)
