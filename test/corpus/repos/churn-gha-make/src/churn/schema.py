"""The columns the churn model reads, with their types and ranges."""
import pandera as pa
from pandera import Check, Column

customers = pa.DataFrameSchema(
    {
        "customer_id": Column(str, unique=True),
        "tenure_months": Column(int, Check.in_range(0, 600)),
        "monthly_charges": Column(float, Check.ge(0)),
        "support_tickets_90d": Column(int, Check.ge(0)),
        "plan": Column(str, Check.isin(["basic", "plus", "family"])),
        "churned_30d": Column(int, Check.isin([0, 1]), required=False),
    },
    strict=False,
    coerce=True,
)
