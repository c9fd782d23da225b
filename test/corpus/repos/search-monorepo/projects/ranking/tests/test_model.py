import numpy as np

from ranking.model import FEATURES, make_ranker


def test_ranker_learns_a_monotone_signal():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, len(FEATURES)))
    y = (X[:, 0] > 0).astype(int)
    model = make_ranker().set_params(n_estimators=20, min_child_samples=5).fit(X, y, group=[20] * 10)
    scores = model.predict(X)
    assert scores[y == 1].mean() > scores[y == 0].mean()
