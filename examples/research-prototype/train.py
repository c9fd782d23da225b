"""Train the churn model from a CSV export. Prototype: no seed, no tracking."""
import sys

import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

FEATURES = ["tenure_months", "monthly_charges", "support_tickets_90d", "is_annual_plan"]


def load(path):
    df = pd.read_csv(path)
    df = df.dropna(subset=FEATURES + ["churned"])
    return df[FEATURES], df["churned"]


def main(path):
    X, y = load(path)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
    models = {
        "logistic": LogisticRegression(max_iter=1000),
        "gbm": GradientBoostingClassifier(max_depth=3, learning_rate=0.1, n_estimators=300),
    }
    for name, model in models.items():
        model.fit(X_train, y_train)
        auc = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])
        print(f"{name}: ROC AUC {auc:.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
