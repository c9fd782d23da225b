from kfp import dsl

ACCURACY_MIN = 0.97
RECALL_MIN = 0.95


@dsl.container_component
def train(train_glob: str, val_glob: str, model: dsl.Output[dsl.Model]):
    return dsl.ContainerSpec(image="europe-docker.pkg.dev/acme/defects/trainer:latest",
                             command=["python", "-m", "trainer.task"],
                             args=["--train", train_glob, "--val", val_glob, "--model-dir", model.path])


@dsl.component(base_image="python:3.11", packages_to_install=["tensorflow==2.16.1"])
def evaluate(model: dsl.Input[dsl.Model], test_glob: str) -> dict:
    import tensorflow as tf
    m = tf.keras.models.load_model(model.path)
    # evaluation on the frozen test set, returns {"accuracy": ..., "recall": ...}
    ...


@dsl.component(base_image="python:3.11", packages_to_install=["google-cloud-aiplatform==1.56.0"])
def deploy(model: dsl.Input[dsl.Model], endpoint: str):
    from google.cloud import aiplatform
    uploaded = aiplatform.Model.upload(display_name="defects", artifact_uri=model.uri,
                                       serving_container_image_uri="europe-docker.pkg.dev/vertex-ai/prediction/tf2-cpu.2-15:latest")
    aiplatform.Endpoint(endpoint).deploy(uploaded, traffic_percentage=100, machine_type="n1-standard-4")


@dsl.pipeline(name="defects-train-deploy")
def defects_pipeline(train_glob: str, val_glob: str, test_glob: str, endpoint: str):
    trained = train(train_glob=train_glob, val_glob=val_glob)
    metrics = evaluate(model=trained.outputs["model"], test_glob=test_glob)
    with dsl.If(metrics.output["accuracy"] >= ACCURACY_MIN):
        with dsl.If(metrics.output["recall"] >= RECALL_MIN):
            deploy(model=trained.outputs["model"], endpoint=endpoint)
