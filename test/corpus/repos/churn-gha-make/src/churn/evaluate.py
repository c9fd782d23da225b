"""Compares the trained model with a majority-class baseline on the held-out split."""
import sys

import pandas as pd
from sklearn.dummy import DummyClassifier
from sklearn.metrics import roc_auc_score

from churn.features import build_features


def compare(model, train: pd.DataFrame, test: pd.DataFrame) -> dict:
    baseline = DummyClassifier(strategy="prior").fit(build_features(train), train["churned_30d"])
    X = build_features(test)
    return {
        "model_auc": roc_auc_score(test["churned_30d"], model.predict_proba(X)[:, 1]),
        "baseline_auc": roc_auc_score(test["churned_30d"], baseline.predict_proba(X)[:, 1]),
    }


if __name__ == "__main__":
    print("run from the notebook or import compare()", file=sys.stderr)
