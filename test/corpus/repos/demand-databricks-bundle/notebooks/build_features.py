# Databricks notebook source
# MAGIC %md
# MAGIC # Build training features
# MAGIC Weekly sales from the `sales.weekly_store_sku` table, with lags, as `demand.training_features`.

# COMMAND ----------

dbutils.widgets.text("catalog", "ml_dev")
catalog = dbutils.widgets.get("catalog")

# COMMAND ----------

from demand.features import lag_features

weekly = spark.table(f"{catalog}.sales.weekly_store_sku").toPandas()
features = lag_features(weekly)
spark.createDataFrame(features).write.mode("overwrite").saveAsTable(f"{catalog}.demand.training_features")
