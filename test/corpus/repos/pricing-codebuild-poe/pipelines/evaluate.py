"""Runs inside a SageMaker processing job: scores the trained model on the test split."""
import json
import pickle
import tarfile

import numpy as np
import pandas as pd
import xgboost


def rmse(y, p) -> float:
    return float(np.sqrt(np.mean((np.asarray(y) - np.asarray(p)) ** 2)))


if __name__ == "__main__":
    with tarfile.open("/opt/ml/processing/model/model.tar.gz") as tar:
        tar.extractall(".")
    model = pickle.load(open("xgboost-model", "rb"))
    test = pd.read_csv("/opt/ml/processing/test/test.csv", header=None)
    y, X = test.iloc[:, 0], xgboost.DMatrix(test.iloc[:, 1:].values)
    report = {"regression_metrics": {"rmse": {"value": rmse(y, model.predict(X))}}}
    json.dump(report, open("/opt/ml/processing/evaluation/evaluation.json", "w"))
