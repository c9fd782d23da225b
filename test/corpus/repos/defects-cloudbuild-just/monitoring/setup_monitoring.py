"""Creates the Vertex AI model monitoring job for the production endpoint (skew and drift)."""
import argparse

from google.cloud import aiplatform
from google.cloud.aiplatform import model_monitoring

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    args = parser.parse_args()
    endpoint = aiplatform.Endpoint.list(filter=f'display_name="{args.endpoint}"')[0]

    skew = model_monitoring.SkewDetectionConfig(
        data_source="gs://acme-defects/train/features.csv", data_format="csv", target_field="label",
        skew_thresholds={"mean_brightness": 0.1, "sharpness": 0.15, "camera_id": 0.05},
    )
    drift = model_monitoring.DriftDetectionConfig(
        drift_thresholds={"mean_brightness": 0.1, "sharpness": 0.15, "camera_id": 0.05},
    )
    aiplatform.ModelDeploymentMonitoringJob.create(
        display_name="defects-prod-monitoring",
        endpoint=endpoint,
        logging_sampling_strategy=model_monitoring.RandomSampleConfig(sample_rate=0.2),
        schedule_config=model_monitoring.ScheduleConfig(monitor_interval=1),
        alert_config=model_monitoring.EmailAlertConfig(user_emails=["line-ml@example.com"]),
        objective_configs=model_monitoring.ObjectiveConfig(skew, drift),
    )
