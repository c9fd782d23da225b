import sys

import lightgbm as lgb
import pandas as pd
import yaml

params = yaml.safe_load(open("params.yaml"))["train"]
train = pd.read_parquet(f"{sys.argv[1]}/train.parquet")
features = [c for c in train.columns if c != "clicked"]
model = lgb.LGBMClassifier(**params).fit(train[features], train["clicked"], categorical_feature=features[:5])
model.booster_.save_model(sys.argv[2])
