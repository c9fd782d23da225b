"""Hyperparameter search for the fraud model; writes the best parameters to params.json."""
import json

import optuna
import pandas as pd
import xgboost as xgb
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split

from fraud.features import build


def objective(trial: optuna.Trial, X_train, y_train, X_val, y_val) -> float:
    params = {
        "n_estimators": trial.suggest_int("n_estimators", 100, 800),
        "max_depth": trial.suggest_int("max_depth", 3, 10),
        "learning_rate": trial.suggest_float("learning_rate", 0.01, 0.3, log=True),
        "subsample": trial.suggest_float("subsample", 0.5, 1.0),
        "colsample_bytree": trial.suggest_float("colsample_bytree", 0.5, 1.0),
        "scale_pos_weight": trial.suggest_float("scale_pos_weight", 1, 100, log=True),
    }
    model = xgb.XGBClassifier(**params).fit(X_train, y_train)
    return average_precision_score(y_val, model.predict_proba(X_val)[:, 1])


if __name__ == "__main__":
    df = pd.read_parquet("data/train.parquet")
    X_train, X_val, y_train, y_val = train_test_split(build(df), df["is_fraud"], test_size=0.2, stratify=df["is_fraud"])
    study = optuna.create_study(direction="maximize")
    study.optimize(lambda t: objective(t, X_train, y_train, X_val, y_val), n_trials=200)
    json.dump(study.best_params, open("params.json", "w"), indent=None)
