from claims.features import build


def test_amount_is_capped_and_missing_region_is_a_category(raw_claims):
    out = build(raw_claims)
    assert out["claimed_amount"].max() <= 250_000
    assert not out["region"].isna().any()
    assert (out["days_to_report"] >= 0).all()
