"""Raw claims extract -> features -> trained model -> saved artefact."""
import pandas as pd

from claims.features import build
from claims.model import make_model


def run(raw: pd.DataFrame, out_path: str, iterations: int = 800) -> float:
    X, y = build(raw), raw["needs_review"].astype(int)
    model = make_model(iterations).fit(X, y)
    model.save_model(out_path)
    return float(model.score(X, y))
