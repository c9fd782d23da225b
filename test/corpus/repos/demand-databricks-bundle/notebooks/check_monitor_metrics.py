# Databricks notebook source
# MAGIC %md
# MAGIC # Alert on the inference monitor
# MAGIC Fails the job (and so notifies the on-call) when feature drift against the training baseline or
# MAGIC the weekly WAPE of served forecasts crosses its limit.

# COMMAND ----------

dbutils.widgets.text("max_js_distance", "0.1")
dbutils.widgets.text("max_wape", "0.28")
max_js = float(dbutils.widgets.get("max_js_distance"))
max_wape = float(dbutils.widgets.get("max_wape"))

# COMMAND ----------

drift = spark.sql("""
  SELECT column_name, js_distance FROM ml_prod.demand_monitoring.inference_log_drift_metrics
  WHERE drift_type = 'BASELINE' AND window.start = (SELECT max(window.start) FROM ml_prod.demand_monitoring.inference_log_drift_metrics)
""").toPandas()
quality = spark.sql("""
  SELECT mean_absolute_error / mean_label AS wape FROM ml_prod.demand_monitoring.inference_log_profile_metrics
  WHERE column_name = ':table' AND slice_key IS NULL ORDER BY window.start DESC LIMIT 1
""").first()

# COMMAND ----------

drifted = drift[drift.js_distance > max_js]
problems = [f"{r.column_name} drifted (JS {r.js_distance:.3f})" for r in drifted.itertuples()]
if quality is not None and quality.wape > max_wape:
    problems.append(f"served WAPE {quality.wape:.3f} above {max_wape}")
assert not problems, "; ".join(problems)
