"""Logistic regression on position and hour only: the bar the real model has to clear."""
import pickle
import sys

import pandas as pd
from sklearn.linear_model import LogisticRegression

train = pd.read_parquet(f"{sys.argv[1]}/train.parquet")
model = LogisticRegression(max_iter=500).fit(train[["position", "hour"]], train["clicked"])
pickle.dump(model, open(sys.argv[2], "wb"))
