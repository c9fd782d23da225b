from sagemaker.estimator import Estimator
from sagemaker.inputs import TrainingInput
from sagemaker.model_metrics import MetricsSource, ModelMetrics
from sagemaker.processing import ProcessingInput, ProcessingOutput, ScriptProcessor
from sagemaker.workflow.condition_step import ConditionStep
from sagemaker.workflow.conditions import ConditionLessThanOrEqualTo
from sagemaker.workflow.fail_step import FailStep
from sagemaker.workflow.functions import JsonGet
from sagemaker.workflow.parameters import ParameterFloat, ParameterString
from sagemaker.workflow.pipeline import Pipeline
from sagemaker.workflow.properties import PropertyFile
from sagemaker.workflow.step_collections import RegisterModel
from sagemaker.workflow.steps import ProcessingStep, TrainingStep


def get_pipeline(name: str, role: str, bucket: str) -> Pipeline:
    input_data = ParameterString("InputData", default_value=f"s3://{bucket}/listings/latest/listings.csv")
    rmse_threshold = ParameterFloat("RmseThreshold", default_value=4.2)
    processor = ScriptProcessor(image_uri="683313688378.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
                                command=["python3"], role=role, instance_type="ml.m5.xlarge", instance_count=1)

    preprocess = ProcessingStep(
        name="Preprocess", processor=processor, code="pipelines/preprocess.py",
        inputs=[ProcessingInput(source=input_data, destination="/opt/ml/processing/input")],
        outputs=[ProcessingOutput(output_name=n, source=f"/opt/ml/processing/{n}") for n in ("train", "validation", "test")],
    )
    estimator = Estimator(image_uri="685385470294.dkr.ecr.eu-west-1.amazonaws.com/xgboost:1.7-1", role=role,
                          instance_type="ml.m5.2xlarge", instance_count=1, output_path=f"s3://{bucket}/models")
    estimator.set_hyperparameters(objective="reg:squarederror", num_round=400, max_depth=6, eta=0.1, subsample=0.8)
    train = TrainingStep(name="Train", estimator=estimator, inputs={
        "train": TrainingInput(preprocess.properties.ProcessingOutputConfig.Outputs["train"].S3Output.S3Uri, content_type="text/csv"),
        "validation": TrainingInput(preprocess.properties.ProcessingOutputConfig.Outputs["validation"].S3Output.S3Uri, content_type="text/csv"),
    })
    evaluation = PropertyFile(name="Evaluation", output_name="evaluation", path="evaluation.json")
    evaluate = ProcessingStep(
        name="Evaluate", processor=processor, code="pipelines/evaluate.py", property_files=[evaluation],
        inputs=[ProcessingInput(train.properties.ModelArtifacts.S3ModelArtifacts, "/opt/ml/processing/model"),
                ProcessingInput(preprocess.properties.ProcessingOutputConfig.Outputs["test"].S3Output.S3Uri, "/opt/ml/processing/test")],
        outputs=[ProcessingOutput(output_name="evaluation", source="/opt/ml/processing/evaluation")],
    )
    register = RegisterModel(
        name="Register", estimator=estimator, model_data=train.properties.ModelArtifacts.S3ModelArtifacts,
        content_types=["text/csv"], response_types=["text/csv"], inference_instances=["ml.m5.large"],
        transform_instances=["ml.m5.large"], model_package_group_name="dynamic-pricing", approval_status="Approved",
        model_metrics=ModelMetrics(model_statistics=MetricsSource(s3_uri=f"s3://{bucket}/evaluation/evaluation.json", content_type="application/json")),
    )
    gate = ConditionStep(
        name="RmseBelowThreshold",
        conditions=[ConditionLessThanOrEqualTo(left=JsonGet(step_name=evaluate.name, property_file=evaluation,
                                                            json_path="regression_metrics.rmse.value"), right=rmse_threshold)],
        if_steps=[register],
        else_steps=[FailStep(name="RmseTooHigh", error_message="test RMSE above the threshold: not registered")],
    )
    return Pipeline(name=name, parameters=[input_data, rmse_threshold], steps=[preprocess, train, evaluate, gate])
