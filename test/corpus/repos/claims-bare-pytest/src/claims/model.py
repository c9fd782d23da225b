from catboost import CatBoostClassifier

from claims.features import CATEGORICAL


def make_model(iterations: int = 800) -> CatBoostClassifier:
    return CatBoostClassifier(iterations=iterations, depth=6, learning_rate=0.05, loss_function="Logloss",
                              cat_features=CATEGORICAL, random_seed=0, verbose=False)
