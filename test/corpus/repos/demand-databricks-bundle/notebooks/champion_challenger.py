# Databricks notebook source
# MAGIC %md
# MAGIC # Champion / challenger
# MAGIC Promotes `@challenger` to `@champion` only when its validation WAPE is lower than the champion's
# MAGIC by at least `min_improvement` (relative) and lower than the seasonal-naive baseline's.

# COMMAND ----------

import mlflow
from mlflow import MlflowClient

dbutils.widgets.text("min_improvement", "0.02")
min_improvement = float(dbutils.widgets.get("min_improvement"))
name = "ml_prod.demand.forecaster"
client = MlflowClient(registry_uri="databricks-uc")

# COMMAND ----------

challenger = client.get_model_version_by_alias(name, "challenger")
metrics = client.get_run(challenger.run_id).data.metrics
try:
    champion = client.get_model_version_by_alias(name, "champion")
    champion_wape = client.get_run(champion.run_id).data.metrics["valid_wape"]
except mlflow.exceptions.RestException:
    champion_wape = float("inf")

beats_baseline = metrics["valid_wape"] < metrics["baseline_wape"]
beats_champion = metrics["valid_wape"] < champion_wape * (1 - min_improvement)
print(f"challenger {metrics['valid_wape']:.4f}, champion {champion_wape:.4f}, baseline {metrics['baseline_wape']:.4f}")

# COMMAND ----------

if beats_baseline and beats_champion:
    client.set_registered_model_alias(name, "champion", challenger.version)
else:
    dbutils.notebook.exit("challenger not promoted")
