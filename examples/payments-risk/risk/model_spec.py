"""The model specification, reviewed like any other code."""
PARAMS = {"objective": "binary", "num_leaves": 48, "learning_rate": 0.04, "n_estimators": 900}
FEATURES = ["amount_minor", "currency", "merchant_category", "card_present", "hour_of_day", "velocity_1h"]
