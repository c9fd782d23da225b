"""Points the endpoint at the newest approved model package, 10 % canary first, rolling back on alarms."""
import argparse
import time

import boto3

sm = boto3.client("sagemaker")


def latest_approved(group: str) -> str:
    packages = sm.list_model_packages(ModelPackageGroupName=group, ModelApprovalStatus="Approved",
                                      SortBy="CreationTime", SortOrder="Descending", MaxResults=1)
    return packages["ModelPackageSummaryList"][0]["ModelPackageArn"]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--canary-percent", type=int, default=10)
    args = parser.parse_args()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    model_name = f"{args.endpoint}-{stamp}"
    sm.create_model(ModelName=model_name, ExecutionRoleArn=boto3.client("sts").get_caller_identity()["Arn"],
                    Containers=[{"ModelPackageName": latest_approved("dynamic-pricing")}])
    sm.create_endpoint_config(EndpointConfigName=model_name, ProductionVariants=[{
        "VariantName": "AllTraffic", "ModelName": model_name, "InstanceType": "ml.m5.large", "InitialInstanceCount": 2}],
        DataCaptureConfig={"EnableCapture": True, "InitialSamplingPercentage": 100,
                           "DestinationS3Uri": "s3://acme-pricing/capture", "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}]})
    sm.update_endpoint(
        EndpointName=args.endpoint,
        EndpointConfigName=model_name,
        DeploymentConfig={
            "BlueGreenUpdatePolicy": {
                "TrafficRoutingConfiguration": {
                    "Type": "CANARY",
                    "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": args.canary_percent},
                    "WaitIntervalInSeconds": 900,
                },
                "TerminationWaitInSeconds": 600,
            },
            "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "pricing-prod-5xx"}, {"AlarmName": "pricing-prod-latency-p99"}]},
        },
    )
