"""Data-quality and model-quality monitoring schedules for the pricing endpoint."""
import argparse

import boto3
import sagemaker
from sagemaker.model_monitor import CronExpressionGenerator, DefaultModelMonitor, EndpointInput, ModelQualityMonitor
from sagemaker.model_monitor.dataset_format import DatasetFormat

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    args = parser.parse_args()
    role = sagemaker.get_execution_role()

    data_monitor = DefaultModelMonitor(role=role, instance_count=1, instance_type="ml.m5.xlarge")
    data_monitor.suggest_baseline(baseline_dataset="s3://acme-pricing/baseline/train_with_header.csv",
                                  dataset_format=DatasetFormat.csv(header=True),
                                  output_s3_uri="s3://acme-pricing/monitor/data-baseline", wait=True)
    data_monitor.create_monitoring_schedule(
        monitor_schedule_name=f"{args.endpoint}-data-quality", endpoint_input=args.endpoint,
        output_s3_uri="s3://acme-pricing/monitor/data-reports", statistics=data_monitor.baseline_statistics(),
        constraints=data_monitor.suggested_constraints(), schedule_cron_expression=CronExpressionGenerator.hourly(),
        enable_cloudwatch_metrics=True,
    )

    quality_monitor = ModelQualityMonitor(role=role, instance_count=1, instance_type="ml.m5.xlarge")
    quality_monitor.create_monitoring_schedule(
        monitor_schedule_name=f"{args.endpoint}-model-quality",
        endpoint_input=EndpointInput(endpoint_name=args.endpoint, destination="/opt/ml/processing/input", inference_attribute="0"),
        ground_truth_input="s3://acme-pricing/ground-truth", problem_type="Regression",
        output_s3_uri="s3://acme-pricing/monitor/quality-reports", schedule_cron_expression=CronExpressionGenerator.daily(),
        enable_cloudwatch_metrics=True,
    )
    boto3.client("cloudwatch").put_metric_alarm(
        AlarmName=f"{args.endpoint}-rmse-drift", Namespace="aws/sagemaker/Endpoints/model-metrics",
        MetricName="rmse", Dimensions=[{"Name": "Endpoint", "Value": args.endpoint},
                                       {"Name": "MonitoringSchedule", "Value": f"{args.endpoint}-model-quality"}],
        Statistic="Average", Period=86400, EvaluationPeriods=1, Threshold=4.6, ComparisonOperator="GreaterThanThreshold",
        AlarmActions=["arn:aws:sns:eu-west-1:111122223333:pricing-oncall"],
    )
