import argparse

from google.cloud import aiplatform
from kfp import compiler

from pipeline.pipeline import defects_pipeline

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", required=True)
    parser.add_argument("--region", required=True)
    args = parser.parse_args()
    compiler.Compiler().compile(defects_pipeline, "defects_pipeline.json")
    aiplatform.init(project=args.project, location=args.region)
    aiplatform.PipelineJob(display_name="defects", template_path="defects_pipeline.json",
                           parameter_values={"train_glob": "gs://acme-defects/train/*/*.jpg",
                                             "val_glob": "gs://acme-defects/val/*/*.jpg",
                                             "test_glob": "gs://acme-defects/test/*/*.jpg",
                                             "endpoint": "defects-prod"}).submit()
