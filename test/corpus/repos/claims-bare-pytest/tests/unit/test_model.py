from claims.features import build
from claims.model import make_model


def test_model_outputs_probabilities(raw_claims):
    model = make_model(iterations=10).fit(build(raw_claims), raw_claims["needs_review"])
    proba = model.predict_proba(build(raw_claims))
    assert proba.shape == (len(raw_claims), 2)
    assert ((proba >= 0) & (proba <= 1)).all()
