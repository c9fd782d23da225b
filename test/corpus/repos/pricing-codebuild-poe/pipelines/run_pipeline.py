import argparse

import sagemaker

from pipelines.pipeline import get_pipeline

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--name", required=True)
    parser.add_argument("--upsert", action="store_true")
    parser.add_argument("--start", action="store_true")
    parser.add_argument("--wait", action="store_true")
    args = parser.parse_args()
    session = sagemaker.Session()
    pipeline = get_pipeline(args.name, sagemaker.get_execution_role(), session.default_bucket())
    if args.upsert:
        pipeline.upsert(role_arn=sagemaker.get_execution_role())
    if args.start:
        execution = pipeline.start()
        if args.wait:
            execution.wait(delay=60, max_attempts=180)
