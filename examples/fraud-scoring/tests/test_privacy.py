"""No raw card number (PAN) may reach the feature frame, the model or the logs."""
import re

from fraud_scoring import features

PAN = re.compile(r"\b\d{13,19}\b")


def test_pan_absent_from_feature_frame(txns):
    out = features.build(txns)
    for column in out.columns:
        assert not out[column].astype(str).str.contains(PAN).any(), column


def test_pan_not_a_feature_name():
    banned = {"pan", "card_number", "cvv", "expiry", "cardholder_name"}
    assert banned.isdisjoint(features.FEATURES)


def test_pan_tokens_are_opaque(txns):
    assert txns["card_token"].str.fullmatch(r"tok_[0-9a-f]{32}").all()
