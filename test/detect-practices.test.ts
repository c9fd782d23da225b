// Issue 15's detectors for production practices: each new detector fires on a small project
// written the way real ones are, and stays quiet on a near miss of the same shape; and the false
// alarms the issue names (a dependency line or a file name taken as a production practice, a
// large-file hook taken as a privacy control, an overall-only slicing spec taken as per-slice
// quality) no longer fire. Projects are written to temp folders; detection runs in process
// (detectProject), and once through the built CLI.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { detectProject } from "../src/project.js";
import type { DetectReport } from "../src/schema/detect.js";
import { detectReportSchema } from "../src/schema/detect.js";
import { caseFolders, mltest, ROOT } from "./run.js";

const project = caseFolders("mltest-practices-");

/** Detection on a fresh project holding `files`. */
function detectIn(files: Record<string, string>): DetectReport {
  return detectProject(project(files)).report;
}

/** The signals of one test, as "what @ file:line". */
function signalsOf(report: DetectReport, id: string): string[] {
  return (report.tests.find((t) => t.id === id)?.signals ?? []).map((s) => `${s.what} @ ${s.file}:${s.line}`);
}

/** The `what`s that fired for one test. */
function whats(report: DetectReport, id: string): string[] {
  return (report.tests.find((t) => t.id === id)?.signals ?? []).map((s) => s.what);
}

/** A Jupyter notebook with one code cell. */
function notebook(lines: string[]): string {
  const cell = {
    cell_type: "code",
    execution_count: null,
    metadata: {},
    outputs: [],
    source: lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l)),
  };
  return `${JSON.stringify({ cells: [cell], metadata: { kernelspec: { name: "python3" } }, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
}

interface Case {
  /** What the case shows. */
  name: string;
  test: string;
  /** The detector's `what`. */
  what: string;
  fires: Record<string, string>;
  /** A near miss: the same kind of file, without the practice. */
  misses: Record<string, string>;
  /** Where the positive case should fire ("file:line"). */
  at: string;
}

const SAGEMAKER_PIPELINE_HEAD = [
  "from sagemaker.workflow.check_job_config import CheckJobConfig",
  "from sagemaker.workflow.quality_check_step import QualityCheckStep",
  "from sagemaker.model_monitor.dataset_format import DatasetFormat",
  "",
  'check_job_config = CheckJobConfig(role=role, instance_count=1, instance_type="ml.m5.xlarge")',
].join("\n");

const CASES: Case[] = [
  // ---- data-1: expectations written in code
  {
    name: "legacy Great Expectations expectations called on a validator in a test",
    test: "data-1",
    what: "Great Expectations expectations on columns written in code",
    fires: {
      "tests/test_orders_data.py": [
        "import pytest",
        "",
        "",
        "def test_orders_columns(orders_validator):",
        '    orders_validator.expect_column_values_to_not_be_null("order_id")',
        '    orders_validator.expect_column_values_to_be_between("amount", min_value=0, max_value=10_000)',
        "    assert orders_validator.validate().success",
        "",
      ].join("\n"),
    },
    misses: {
      "tests/test_orders_data.py": [
        "import great_expectations as gx",
        "",
        "",
        "def test_context_opens(tmp_path):",
        '    context = gx.get_context(mode="file", project_root_dir=tmp_path)',
        "    assert context is not None",
        "",
      ].join("\n"),
    },
    at: "tests/test_orders_data.py:5",
  },
  {
    name: "GX Core 1.x expectation classes",
    test: "data-1",
    what: "Great Expectations expectations on columns written in code",
    fires: {
      "src/trips/expectations.py": [
        "import great_expectations as gx",
        "import great_expectations.expectations as gxe",
        "",
        'suite = gx.ExpectationSuite(name="trips")',
        'suite.add_expectation(gxe.ExpectColumnValuesToBeBetween(column="fare", min_value=0, max_value=500))',
        'suite.add_expectation(gxe.ExpectColumnValuesToNotBeNull(column="pickup_ts"))',
        "",
      ].join("\n"),
    },
    misses: {
      "src/trips/expectations.py": ["import great_expectations as gx", "", 'suite = gx.ExpectationSuite(name="trips")', ""].join("\n"),
    },
    at: "src/trips/expectations.py:5",
  },
  {
    name: "GX Core 1.x validation definitions and checkpoints in Python",
    test: "data-1",
    what: "data validated against an expectation suite in code (GX Core 1.x)",
    fires: {
      "pipelines/validate_trips.py": [
        "import great_expectations as gx",
        "",
        "context = gx.get_context()",
        'batch_definition = context.data_sources.get("warehouse").get_asset("trips").get_batch_definition("daily")',
        'suite = context.suites.get("trips")',
        "validation = context.validation_definitions.add(",
        '    gx.ValidationDefinition(data=batch_definition, suite=suite, name="trips-daily")',
        ")",
        'checkpoint = context.checkpoints.add(gx.Checkpoint(name="nightly", validation_definitions=[validation]))',
        "result = checkpoint.run()",
        "",
      ].join("\n"),
    },
    misses: {
      "pipelines/validate_trips.py": [
        "import great_expectations as gx",
        "",
        "context = gx.get_context()",
        "print(context.list_datasources())",
        "",
      ].join("\n"),
    },
    at: "pipelines/validate_trips.py:7",
  },
  {
    name: "a SageMaker QualityCheckStep with a data-quality config (data-1)",
    test: "data-1",
    what: "a SageMaker pipeline step checks each run's data against baseline constraints",
    fires: {
      "pipelines/churn/pipeline.py": [
        SAGEMAKER_PIPELINE_HEAD,
        "from sagemaker.workflow.quality_check_step import DataQualityCheckConfig",
        "",
        "data_quality_config = DataQualityCheckConfig(",
        '    baseline_dataset=step_process.properties.ProcessingOutputConfig.Outputs["train"].S3Output.S3Uri,',
        "    dataset_format=DatasetFormat.csv(header=False),",
        "    output_s3_uri=baseline_uri,",
        ")",
        "",
      ].join("\n"),
    },
    misses: {
      "pipelines/churn/pipeline.py": [
        SAGEMAKER_PIPELINE_HEAD,
        "from sagemaker.workflow.quality_check_step import DataQualityCheckConfig",
        "",
      ].join("\n"),
    },
    at: "pipelines/churn/pipeline.py:8",
  },
  // ---- data-4: a policy test needs a test about the policy
  {
    name: "a feature-policy test file with a test of banned features",
    test: "data-4",
    what: "tests that check the feature list against a policy",
    fires: {
      "tests/test_feature_policy.py": [
        "from churn.features import FEATURES",
        "",
        'BANNED = {"gender", "postcode", "date_of_birth"}',
        "",
        "",
        "def test_no_banned_features():",
        "    assert BANNED.isdisjoint(FEATURES)",
        "",
      ].join("\n"),
    },
    misses: { "tests/test_feature_policy.py": '"""Feature policy tests: to be written."""\n' },
    at: "tests/test_feature_policy.py:6",
  },
  {
    name: "a data-use policy that names what may not be used",
    test: "data-4",
    what: "a written feature or data-use policy",
    fires: {
      "docs/data-usage-policy.md": "# Data use\n\nProtected attributes (age, gender) must not be features; new sources need approval.\n",
    },
    misses: { "docs/data-usage.md": "# Using the data\n\nDownload the parquet files with `make data` and open them with pandas.\n" },
    at: "docs/data-usage-policy.md:3",
  },
  // ---- data-5: privacy needs a scanner
  {
    name: "a pre-commit hook that scans for secrets",
    test: "data-5",
    what: "a pre-commit hook scans each commit for secrets or personal data",
    fires: {
      ".pre-commit-config.yaml": [
        "repos:",
        "  - repo: https://github.com/pre-commit/pre-commit-hooks",
        "    rev: v5.0.0",
        "    hooks:",
        "      - id: check-added-large-files",
        "  - repo: https://github.com/gitleaks/gitleaks",
        "    rev: v8.21.2",
        "    hooks:",
        "      - id: gitleaks",
        "",
      ].join("\n"),
    },
    misses: {
      ".pre-commit-config.yaml": [
        "repos:",
        "  - repo: https://github.com/pre-commit/pre-commit-hooks",
        "    rev: v5.0.0",
        "    hooks:",
        "      - id: check-added-large-files",
        "        args: [--maxkb=2048]",
        "      - id: end-of-file-fixer",
        "  - repo: https://github.com/kynan/nbstripout",
        "    rev: 0.8.1",
        "    hooks:",
        "      - id: nbstripout",
        "",
      ].join("\n"),
    },
    at: ".pre-commit-config.yaml:6",
  },
  {
    name: "a privacy write-up that says how personal data is handled",
    test: "data-5",
    what: "a privacy or data-protection assessment",
    fires: {
      "docs/privacy.md": "# Privacy\n\nCustomer ids are pseudonymised at ingestion; free-text fields are scanned for PII.\n",
    },
    misses: { "PRIVACY.md": "# Privacy\n\nThis tool sends no telemetry.\n" },
    at: "docs/privacy.md:3",
  },
  // ---- data-2, data-7, model-5, model-6: names must be backed by content
  {
    name: "an importance notebook that computes importances",
    test: "data-2",
    what: "an ablation or feature-importance notebook",
    fires: {
      "notebooks/feature_importance.ipynb": notebook([
        "from sklearn.inspection import permutation_importance",
        "result = permutation_importance(model, X_val, y_val, n_repeats=10, random_state=0)",
      ]),
    },
    misses: {
      "notebooks/importance_sampling.ipynb": notebook([
        "weights = target_density(x) / proposal_density(x)",
        "estimate = (weights * f(x)).mean()",
      ]),
    },
    at: "notebooks/feature_importance.ipynb:9",
  },
  {
    name: "feature tests that import the feature code",
    test: "data-7",
    what: "unit tests for feature code",
    fires: {
      "tests/test_features.py": [
        "from churn.features import tenure_bucket",
        "",
        "",
        "def test_tenure_bucket_edges():",
        '    assert tenure_bucket(0) == "new"',
        '    assert tenure_bucket(36) == "loyal"',
        "",
      ].join("\n"),
    },
    misses: {
      "tests/test_transformer_block.py": [
        "import torch",
        "from transformers import AutoConfig",
        "",
        "",
        "def test_config_loads():",
        '    assert AutoConfig.for_model("bert").hidden_size == 768',
        "",
      ].join("\n"),
    },
    at: "tests/test_features.py:1",
  },
  {
    name: "baseline code that trains a simple model",
    test: "model-5",
    what: "baseline model code",
    fires: {
      "src/churn/baseline.py": [
        "from sklearn.linear_model import LogisticRegression",
        "",
        "",
        "def train_baseline(X, y):",
        "    return LogisticRegression(max_iter=1000).fit(X, y)",
        "",
      ].join("\n"),
    },
    misses: { "src/infra/security_baseline.py": 'ALLOWED_PORTS = [443]\nMIN_TLS = "1.2"\n' },
    at: "src/churn/baseline.py:5",
  },
  {
    name: "a baseline notebook that fits a simple model",
    test: "model-5",
    what: "a baseline comparison notebook",
    fires: {
      "notebooks/02-baseline.ipynb": notebook([
        "from sklearn.dummy import DummyClassifier",
        'baseline = DummyClassifier(strategy="prior").fit(X_train, y_train)',
      ]),
    },
    misses: {
      "notebooks/baseline_latency.ipynb": notebook([
        "timings = [time_request(api_url) for _ in range(100)]",
        "pd.Series(timings).describe()",
      ]),
    },
    at: "notebooks/02-baseline.ipynb:10",
  },
  {
    name: "a baseline write-up with the metric compared",
    test: "model-5",
    what: "a baseline comparison write-up",
    fires: {
      "docs/baseline-comparison.md": "# Baseline comparison\n\nThe baseline model (logistic regression) reaches AUC 0.71; the GBM 0.78.\n",
    },
    misses: { "docs/performance-baseline.md": "# Performance baseline\n\nThe p95 latency of the API is 40 ms on two cores.\n" },
    at: "docs/baseline-comparison.md:3",
  },
  {
    name: "a TFMA slicing spec that names a feature",
    test: "model-6",
    what: "TFMA slicing specs that name the features to slice by",
    fires: {
      "pipeline/evaluate.py": [
        "import tensorflow_model_analysis as tfma",
        "",
        "eval_config = tfma.EvalConfig(",
        '    model_specs=[tfma.ModelSpec(label_key="tips")],',
        '    slicing_specs=[tfma.SlicingSpec(), tfma.SlicingSpec(feature_keys=["trip_start_hour"])],',
        ")",
        "",
      ].join("\n"),
    },
    misses: {
      "pipeline/evaluate.py": [
        "import tensorflow_model_analysis as tfma",
        "",
        'eval_config = tfma.EvalConfig(model_specs=[tfma.ModelSpec(label_key="tips")], slicing_specs=[tfma.SlicingSpec()])',
        "",
      ].join("\n"),
    },
    at: "pipeline/evaluate.py:5",
  },
  {
    name: "a TFMA evaluation config (text proto) with a sliced spec",
    test: "model-6",
    what: "TFMA slicing specs in an evaluation config that name the features to slice by",
    fires: {
      "config/eval_config.pbtxt":
        'model_specs { label_key: "tips" }\nslicing_specs {}\nslicing_specs {\n  feature_keys: "payment_type"\n}\n',
    },
    misses: { "config/eval_config.pbtxt": 'model_specs { label_key: "tips" }\nslicing_specs {}\n' },
    at: "config/eval_config.pbtxt:4",
  },
  {
    name: "a slice notebook that groups metrics by a slice",
    test: "model-6",
    what: "a per-slice evaluation notebook",
    fires: { "notebooks/slice_eval.ipynb": notebook(['per_region = scored.groupby("region").apply(lambda g: roc_auc_score(g.y, g.p))']) },
    misses: { "notebooks/ct_slices.ipynb": notebook(["axial = volume[:, :, 40]", 'plt.imshow(axial, cmap="gray")']) },
    at: "notebooks/slice_eval.ipynb:9",
  },
  {
    name: "a doc section on per-slice quality, not on array slicing",
    test: "model-6",
    what: "a doc section on per-slice quality",
    fires: { "docs/evaluation.md": "# Evaluation\n\n## Per-slice quality\n\nAUC by region and device.\n" },
    misses: { "docs/tensors.md": "# Tensors\n\n## Slicing\n\nUse x[:, 0] to take the first column.\n" },
    at: "docs/evaluation.md:3",
  },
  // ---- model-7: SageMaker Clarify bias checks
  {
    name: "a Clarify bias check step in a SageMaker pipeline",
    test: "model-7",
    what: "a SageMaker Clarify bias check step in the training pipeline",
    fires: {
      "pipelines/churn/pipeline.py": [
        "from sagemaker.workflow.clarify_check_step import ClarifyCheckStep, ModelBiasCheckConfig",
        "",
        "bias_config = ModelBiasCheckConfig(data_config=data_config, data_bias_config=bias_data_config, model_config=model_config)",
        'step_bias = ClarifyCheckStep(name="ModelBias", clarify_check_config=bias_config, check_job_config=check_job_config)',
        "",
      ].join("\n"),
    },
    misses: {
      "pipelines/churn/pipeline.py": [
        "from sagemaker.workflow.clarify_check_step import ClarifyCheckStep, ModelExplainabilityCheckConfig",
        "",
        "shap_config = ModelExplainabilityCheckConfig(data_config=data_config, model_config=model_config, explainability_config=shap)",
        'step_shap = ClarifyCheckStep(name="Explainability", clarify_check_config=shap_config, check_job_config=check_job_config)',
        "",
      ].join("\n"),
    },
    at: "pipelines/churn/pipeline.py:3",
  },
  {
    name: "a Clarify bias monitor on an endpoint",
    test: "model-7",
    what: "SageMaker Clarify watches served predictions for bias",
    fires: {
      "monitoring/bias.py": [
        "from sagemaker.model_monitor import ModelBiasMonitor",
        "",
        "bias_monitor = ModelBiasMonitor(role=role, sagemaker_session=session, max_runtime_in_seconds=1800)",
        "",
      ].join("\n"),
    },
    misses: { "monitoring/bias.py": "from sagemaker.model_monitor import ModelBiasMonitor  # not used yet\n" },
    at: "monitoring/bias.py:3",
  },
  // ---- infra-1, infra-2, infra-3, infra-5: test files named for a practice must practise it
  {
    name: "a reproducibility test that fixes the seed",
    test: "infra-1",
    what: "a test that checks training is reproducible",
    fires: {
      "tests/test_reproducibility.py": [
        "import torch",
        "from churn.train import train",
        "",
        "",
        "def test_two_runs_agree():",
        "    torch.manual_seed(0)",
        "    first = train(epochs=1)",
        "    torch.manual_seed(0)",
        "    assert torch.equal(train(epochs=1).weight, first.weight)",
        "",
      ].join("\n"),
    },
    misses: {
      "tests/test_seed_config.py": [
        "from churn.config import load_config",
        "",
        "",
        "def test_reads_seed():",
        '    assert load_config("a.yaml").seed == 7',
        "",
      ].join("\n"),
    },
    at: "tests/test_reproducibility.py:6",
  },
  {
    name: "a model test that runs the model",
    test: "infra-2",
    what: "unit tests for model code",
    fires: {
      "tests/test_model.py": [
        "import torch",
        "from churn.model import ChurnNet",
        "",
        "",
        "def test_output_is_one_logit_per_row():",
        "    out = ChurnNet(n_features=8)(torch.zeros(4, 8))",
        "    assert out.shape == (4, 1)",
        "",
      ].join("\n"),
    },
    misses: {
      "tests/test_model_registry_client.py": [
        "from churn.registry import RegistryClient",
        "",
        "",
        "def test_latest_version(fake_server):",
        '    assert RegistryClient(fake_server.url).latest("churn") == "3"',
        "",
      ].join("\n"),
    },
    at: "tests/test_model.py:7",
  },
  {
    name: "an integration test that runs the pipeline",
    test: "infra-3",
    what: "integration or end-to-end test files",
    fires: {
      "tests/integration/test_churn_pipeline.py": [
        "from churn.pipeline import run_pipeline",
        "",
        "",
        "def test_sample_run(tmp_path, sample_dir):",
        "    artefacts = run_pipeline(sample_dir, out=tmp_path)",
        '    assert (artefacts / "model.joblib").exists()',
        "",
      ].join("\n"),
    },
    misses: {
      "tests/test_pipeline_config.py": [
        "from churn.config import load_pipeline_config",
        "",
        "",
        "def test_steps_listed():",
        '    assert load_pipeline_config("conf/pipeline.yaml").steps == ["ingest", "train"]',
        "",
      ].join("\n"),
    },
    at: "tests/integration/test_churn_pipeline.py:5",
  },
  {
    name: "an explanation test that explains a prediction",
    test: "infra-5",
    what: "tests for a replay or explanation tool",
    fires: {
      "tests/test_explain.py": [
        "from churn.explain import explain_prediction",
        "",
        "",
        "def test_top_reason(model, row):",
        '    assert explain_prediction(model, row)[0].feature == "tenure"',
        "",
      ].join("\n"),
    },
    misses: {
      "tests/test_debug_logging.py": [
        "import logging",
        "from churn.log import configure",
        "",
        "",
        "def test_debug_level():",
        "    assert configure(verbose=True).level == logging.DEBUG",
        "",
      ].join("\n"),
    },
    at: "tests/test_explain.py:5",
  },
  {
    name: "a debugging notebook that looks inside the model",
    test: "infra-5",
    what: "a debugging or explanation notebook",
    fires: {
      "notebooks/debug_predictions.ipynb": notebook(["import shap", "explainer = shap.TreeExplainer(model)", "explainer.shap_values(row)"]),
    },
    misses: { "notebooks/debug.ipynb": notebook(['df = pd.read_parquet("data/sample.parquet")', "df.head()"]) },
    at: "notebooks/debug_predictions.ipynb:9",
  },
  // ---- infra-4: quality gates
  {
    name: "a quality test that asserts a metric clears a bound",
    test: "infra-4",
    what: "tests that assert model quality clears a bound",
    fires: {
      "tests/test_model_quality.py": [
        "from sklearn.metrics import roc_auc_score",
        "",
        "",
        "def test_auc_on_holdout(model, holdout):",
        "    auc = roc_auc_score(holdout.y, model.predict_proba(holdout.X)[:, 1])",
        "    assert auc >= 0.75",
        "",
      ].join("\n"),
    },
    misses: {
      "tests/test_metrics.py": [
        "from churn.metrics import rmse",
        "",
        "",
        "def test_rmse_of_equal_vectors():",
        "    assert rmse([1, 2], [1, 2]) == 0.0",
        "",
      ].join("\n"),
    },
    at: "tests/test_model_quality.py:6",
  },
  {
    name: "a SageMaker QualityCheckStep with a model-quality config",
    test: "infra-4",
    what: "a SageMaker pipeline checks the new model's quality against a baseline",
    fires: {
      "pipelines/churn/pipeline.py": [
        SAGEMAKER_PIPELINE_HEAD,
        "from sagemaker.workflow.quality_check_step import ModelQualityCheckConfig",
        "",
        "model_quality_config = ModelQualityCheckConfig(",
        "    baseline_dataset=step_transform.properties.TransformOutput.S3OutputPath,",
        "    dataset_format=DatasetFormat.csv(header=False),",
        '    problem_type="BinaryClassification", inference_attribute="_c0", ground_truth_attribute="_c1",',
        ")",
        "",
      ].join("\n"),
    },
    misses: {
      "pipelines/churn/pipeline.py": [
        SAGEMAKER_PIPELINE_HEAD,
        "from sagemaker.workflow.quality_check_step import ModelQualityCheckConfig",
        "",
      ].join("\n"),
    },
    at: "pipelines/churn/pipeline.py:8",
  },
  {
    name: "a SageMaker ConditionStep on a metric before registering the model",
    test: "infra-4",
    what: "a SageMaker pipeline condition on a metric gates the model's registration",
    fires: {
      "pipelines/churn/pipeline.py": [
        "from sagemaker.workflow.condition_step import ConditionStep",
        "from sagemaker.workflow.conditions import ConditionGreaterThanOrEqualTo",
        "from sagemaker.workflow.functions import JsonGet",
        "",
        "auc_ok = ConditionGreaterThanOrEqualTo(",
        '    left=JsonGet(step_name=step_eval.name, property_file=evaluation_report, json_path="metrics.auc.value"),',
        "    right=0.75,",
        ")",
        "step_gate = ConditionStep(",
        '    name="CheckAUC",',
        "    conditions=[auc_ok],",
        "    if_steps=[step_register],",
        "    else_steps=[step_fail],",
        ")",
        "",
      ].join("\n"),
    },
    misses: {
      "pipelines/churn/pipeline.py": [
        "from sagemaker.workflow.condition_step import ConditionStep",
        "from sagemaker.workflow.conditions import ConditionEquals",
        "",
        "skip = ConditionEquals(left=skip_preprocessing, right=False)",
        'step_branch = ConditionStep(name="Preprocess", conditions=[skip], if_steps=[step_process], else_steps=[])',
        "",
      ].join("\n"),
    },
    at: "pipelines/churn/pipeline.py:5",
  },
  {
    name: "a Kubeflow dsl.If on an evaluation metric",
    test: "infra-4",
    what: "a Kubeflow pipeline step runs only when a metric clears a threshold",
    fires: {
      "pipelines/kfp_pipeline.py": [
        "from kfp import dsl",
        "",
        "",
        '@dsl.pipeline(name="churn")',
        "def churn_pipeline(min_auc: float = 0.75):",
        "    trained = train_op(data=ingest_op().output)",
        '    evaluation = evaluate_op(model=trained.outputs["model"])',
        '    with dsl.If(evaluation.outputs["auc"] >= min_auc):',
        '        deploy_op(model=trained.outputs["model"])',
        "",
      ].join("\n"),
    },
    misses: {
      "pipelines/kfp_pipeline.py": [
        "from kfp import dsl",
        "",
        "",
        '@dsl.pipeline(name="coin")',
        "def coin_pipeline():",
        "    flip = flip_coin_op()",
        '    with dsl.If(flip.output == "heads"):',
        '        print_op(msg="heads")',
        "",
      ].join("\n"),
    },
    at: "pipelines/kfp_pipeline.py:8",
  },
  {
    name: "a challenger compared with the champion",
    test: "infra-4",
    what: "a challenger model is compared with the champion before promotion",
    fires: {
      "src/churn/promote.py": [
        "def promote(client, challenger_rmse, champion_rmse, version):",
        "    if challenger_rmse < champion_rmse:",
        '        client.set_registered_model_alias("churn", "champion", version)',
        "",
      ].join("\n"),
    },
    misses: {
      "src/churn/serve.py": [
        "def load_champion(client):",
        '    champion = client.get_model_version_by_alias("churn", "champion")',
        "    return champion.source",
        "",
      ].join("\n"),
    },
    at: "src/churn/promote.py:2",
  },
  {
    name: "mlflow.evaluate against a baseline model with validation thresholds",
    test: "infra-4",
    what: "a candidate compared with a baseline model under MLflow validation thresholds",
    fires: {
      "src/churn/validate.py": [
        "import mlflow",
        "from mlflow.models import MetricThreshold",
        "",
        'thresholds = {"roc_auc": MetricThreshold(threshold=0.75, min_absolute_change=0.01, greater_is_better=True)}',
        "mlflow.evaluate(",
        "    candidate_uri,",
        "    eval_data,",
        '    targets="churned",',
        '    model_type="classifier",',
        "    baseline_model=champion_uri,",
        "    validation_thresholds=thresholds,",
        ")",
        "",
      ].join("\n"),
    },
    misses: {
      "src/churn/validate.py": [
        "import mlflow",
        "",
        'mlflow.evaluate(model_uri, eval_data, targets="churned", model_type="classifier")',
        "",
      ].join("\n"),
    },
    at: "src/churn/validate.py:5",
  },
  {
    name: "an MLflow 3 result validation against a baseline result",
    test: "infra-4",
    what: "a candidate compared with a baseline model under MLflow validation thresholds",
    fires: {
      "src/churn/gate.py": [
        "import mlflow",
        "",
        'candidate = mlflow.models.evaluate(candidate_uri, eval_data, targets="churned", model_type="classifier")',
        'baseline = mlflow.models.evaluate(champion_uri, eval_data, targets="churned", model_type="classifier")',
        "mlflow.validate_evaluation_results(",
        "    candidate_result=candidate,",
        "    baseline_result=baseline,",
        "    validation_thresholds=thresholds,",
        ")",
        "",
      ].join("\n"),
    },
    misses: {
      "src/churn/gate.py": [
        "import mlflow",
        "",
        'candidate = mlflow.models.evaluate(candidate_uri, eval_data, targets="churned", model_type="classifier")',
        "",
      ].join("\n"),
    },
    at: "src/churn/gate.py:8",
  },
  {
    name: "a registry alias moved only after a metric comparison",
    test: "infra-4",
    what: "a registry alias is moved only after a metric comparison (MLflow)",
    fires: {
      "src/churn/register.py": [
        "from mlflow import MlflowClient",
        "",
        "",
        "def maybe_promote(client: MlflowClient, version: str, new_auc: float, current_auc: float) -> None:",
        "    if new_auc > current_auc + 0.005:",
        '        print("promoting", version)',
        '        client.set_registered_model_alias("churn", "prod", version)',
        "",
      ].join("\n"),
    },
    misses: {
      "src/churn/register.py": [
        "from mlflow import MlflowClient",
        "",
        "",
        "def promote(client: MlflowClient, version: str) -> None:",
        '    client.set_registered_model_alias("churn", "prod", version)',
        "",
      ].join("\n"),
    },
    at: "src/churn/register.py:5",
  },
  // ---- monitor-1
  {
    name: "an inventory of upstream sources with owners",
    test: "monitor-1",
    what: "an inventory of upstream data sources",
    fires: { "docs/data-sources.md": "# Data sources\n\n| source | owner |\n| --- | --- |\n| billing.events | payments team |\n" },
    misses: { "UPSTREAM.md": "# Upstream\n\nThis fork follows acme/churn-kit; rebase monthly.\n" },
    at: "docs/data-sources.md:3",
  },
  // ---- monitor-2: production input monitoring
  {
    name: "SageMaker DefaultModelMonitor with a schedule",
    test: "monitor-2",
    what: "SageMaker Model Monitor checks endpoint inputs against a training baseline",
    fires: {
      "monitoring/data_quality.py": [
        "from sagemaker.model_monitor import CronExpressionGenerator, DefaultModelMonitor",
        "from sagemaker.model_monitor.dataset_format import DatasetFormat",
        "",
        'monitor = DefaultModelMonitor(role=role, instance_count=1, instance_type="ml.m5.xlarge", max_runtime_in_seconds=1800)',
        "monitor.suggest_baseline(baseline_dataset=train_uri, dataset_format=DatasetFormat.csv(header=True), output_s3_uri=baseline_uri)",
        "monitor.create_monitoring_schedule(",
        '    monitor_schedule_name="churn-data-quality",',
        "    endpoint_input=predictor.endpoint_name,",
        "    schedule_cron_expression=CronExpressionGenerator.hourly(),",
        ")",
        "",
      ].join("\n"),
    },
    misses: {
      "deploy/endpoint.py": [
        "from sagemaker.model_monitor import DataCaptureConfig",
        "",
        "capture = DataCaptureConfig(enable_capture=True, sampling_percentage=20, destination_s3_uri=capture_uri)",
        'predictor = model.deploy(initial_instance_count=1, instance_type="ml.m5.large", data_capture_config=capture)',
        "",
      ].join("\n"),
    },
    at: "monitoring/data_quality.py:4",
  },
  {
    name: "a CloudFormation data-quality monitoring schedule",
    test: "monitor-2",
    what: "a SageMaker data-quality monitoring schedule or job definition",
    fires: {
      "infra/monitoring.yaml": [
        "AWSTemplateFormatVersion: '2010-09-09'",
        "Resources:",
        "  ChurnMonitoringSchedule:",
        "    Type: AWS::SageMaker::MonitoringSchedule",
        "    Properties:",
        "      MonitoringScheduleName: churn-inputs",
        "      MonitoringScheduleConfig:",
        "        MonitoringJobDefinitionName: churn-data-quality",
        "        MonitoringType: DataQuality",
        "        ScheduleConfig:",
        "          ScheduleExpression: cron(0 * ? * * *)",
        "",
      ].join("\n"),
    },
    misses: {
      "infra/monitoring.yaml": [
        "AWSTemplateFormatVersion: '2010-09-09'",
        "Resources:",
        "  ChurnEndpointConfig:",
        "    Type: AWS::SageMaker::EndpointConfig",
        "    Properties:",
        "      DataCaptureConfig:",
        "        EnableCapture: true",
        "        InitialSamplingPercentage: 20",
        "",
      ].join("\n"),
    },
    at: "infra/monitoring.yaml:9",
  },
  {
    name: "a Terraform SageMaker data-quality job definition",
    test: "monitor-2",
    what: "a SageMaker data-quality monitoring schedule or job definition",
    fires: {
      "terraform/monitoring.tf": [
        'resource "aws_sagemaker_data_quality_job_definition" "churn" {',
        '  name     = "churn-data-quality"',
        "  role_arn = aws_iam_role.monitor.arn",
        "}",
        "",
      ].join("\n"),
    },
    misses: { "terraform/monitoring.tf": 'resource "aws_sagemaker_endpoint" "churn" {\n  name = "churn"\n}\n' },
    at: "terraform/monitoring.tf:1",
  },
  {
    name: "a SageMaker QualityCheckStep with a data-quality config (monitor-2)",
    test: "monitor-2",
    what: "a SageMaker pipeline step checks each run's data against baseline constraints",
    fires: {
      "pipelines/check.py":
        "from sagemaker.workflow.quality_check_step import DataQualityCheckConfig\n\ncfg = DataQualityCheckConfig(baseline_dataset=uri, dataset_format=fmt, output_s3_uri=out)\n",
    },
    misses: { "pipelines/check.py": "from sagemaker.workflow.quality_check_step import DataQualityCheckConfig\n" },
    at: "pipelines/check.py:3",
  },
  {
    name: "a Great Expectations checkpoint that validates a batch",
    test: "monitor-2",
    what: "Great Expectations checkpoints",
    fires: {
      "great_expectations/checkpoints/orders_nightly.yml": [
        "name: orders_nightly",
        "config_version: 1.0",
        "class_name: Checkpoint",
        "validations:",
        "  - batch_request:",
        "      datasource_name: warehouse",
        "      data_asset_name: orders",
        "    expectation_suite_name: orders",
        "",
      ].join("\n"),
    },
    misses: {
      "great_expectations/checkpoints/.ge_store_backend_id": "store_backend_id = 5f1e\n",
      "great_expectations/checkpoints/README.json": "{}\n",
    },
    at: "great_expectations/checkpoints/orders_nightly.yml:4",
  },
  {
    name: "a Vertex AI model deployment monitoring job with drift detection",
    test: "monitor-2",
    what: "Vertex AI Model Monitoring watches an endpoint's inputs for drift",
    fires: {
      "monitoring/vertex_monitor.py": [
        "from google.cloud import aiplatform",
        "",
        'drift = aiplatform.model_monitoring.DriftDetectionConfig(drift_thresholds={"tenure": 0.3})',
        "objective = aiplatform.model_monitoring.ObjectiveConfig(drift_detection_config=drift)",
        "job = aiplatform.ModelDeploymentMonitoringJob.create(",
        '    display_name="churn-monitor", endpoint=endpoint, objective_configs=objective, logging_sampling_strategy=sampling,',
        ")",
        "",
      ].join("\n"),
    },
    misses: {
      "deploy/vertex_deploy.py": [
        "from google.cloud import aiplatform",
        "",
        'endpoint = model.deploy(machine_type="n1-standard-4", min_replica_count=1)',
        "",
      ].join("\n"),
    },
    at: "monitoring/vertex_monitor.py:3",
  },
  {
    name: "Vertex AI model_monitoring imported from aiplatform (v1 SDK)",
    test: "monitor-2",
    what: "Vertex AI Model Monitoring set up in code (v1 SDK)",
    fires: {
      "monitoring/objectives.py":
        'from google.cloud.aiplatform import model_monitoring\n\nalerts = model_monitoring.EmailAlertConfig(user_emails=["ml@acme.test"])\n',
    },
    misses: { "monitoring/objectives.py": "from churn import model_monitoring_helpers\n" },
    at: "monitoring/objectives.py:1",
  },
  {
    name: "a Vertex AI v2 model monitor with a schema",
    test: "monitor-2",
    what: "a Vertex AI model monitor with a monitoring schema (v2 SDK)",
    fires: {
      "monitoring/vertex_v2.py": [
        "from vertexai.resources.preview import ml_monitoring",
        "",
        "schema = ml_monitoring.spec.ModelMonitoringSchema(",
        '    feature_fields=[ml_monitoring.spec.FieldSchema(name="tenure", data_type="float")],',
        '    prediction_fields=[ml_monitoring.spec.FieldSchema(name="churn_score", data_type="float")],',
        ")",
        'monitor = ml_monitoring.ModelMonitor.create(display_name="churn", model_name=model_name, model_version_id="1", model_monitoring_schema=schema)',
        "",
      ].join("\n"),
    },
    misses: {
      "monitoring/vertex_v2.py":
        'from vertexai.resources.preview import ml_monitoring  # planned\nschema_path = "monitoring/schema.json"\n',
    },
    at: "monitoring/vertex_v2.py:3",
  },
  {
    name: "Databricks quality_monitors.create on an inference table",
    test: "monitor-2",
    what: "Databricks Lakehouse Monitoring profiles a table for drift and data quality",
    fires: {
      "monitoring/lakehouse_monitor.py": [
        "from databricks.sdk import WorkspaceClient",
        "from databricks.sdk.service.catalog import MonitorInferenceLog, MonitorInferenceLogProblemType",
        "",
        "w = WorkspaceClient()",
        "w.quality_monitors.create(",
        '    table_name="main.churn.inference_log",',
        '    assets_dir="/Workspace/Shared/churn/monitoring",',
        '    output_schema_name="main.churn_monitoring",',
        "    inference_log=MonitorInferenceLog(",
        "        problem_type=MonitorInferenceLogProblemType.PROBLEM_TYPE_CLASSIFICATION,",
        '        prediction_col="prediction", label_col="churned", timestamp_col="ts",',
        '        model_id_col="model_version", granularities=["1 day"],',
        "    ),",
        ")",
        "",
      ].join("\n"),
    },
    misses: {
      "monitoring/lakehouse_monitor.py": [
        "from databricks.sdk import WorkspaceClient",
        "",
        "w = WorkspaceClient()",
        'table = w.tables.get("main.churn.inference_log")',
        "",
      ].join("\n"),
    },
    at: "monitoring/lakehouse_monitor.py:5",
  },
  {
    name: "a quality monitor declared in a Databricks asset bundle",
    test: "monitor-2",
    what: "a Databricks quality monitor declared in a bundle or in Terraform",
    fires: {
      "resources/monitoring.yml": [
        "resources:",
        "  quality_monitors:",
        "    churn_inference_monitor:",
        "      table_name: main.churn.inference_log",
        "      output_schema_name: main.churn_monitoring",
        "      assets_dir: /Workspace/Shared/churn/monitoring",
        "      inference_log:",
        "        granularities: [1 day]",
        "        model_id_col: model_version",
        "        prediction_col: prediction",
        "        label_col: churned",
        "        problem_type: PROBLEM_TYPE_CLASSIFICATION",
        "        timestamp_col: ts",
        "",
      ].join("\n"),
    },
    misses: {
      "resources/jobs.yml": [
        "resources:",
        "  jobs:",
        "    score_churn:",
        "      name: score-churn",
        "      tasks:",
        "        - task_key: score",
        "          notebook_task:",
        "            notebook_path: ../notebooks/score.py",
        "            base_parameters:",
        "              output_table: main.churn.inference_log",
        "",
      ].join("\n"),
    },
    at: "resources/monitoring.yml:2",
  },
  {
    name: "an Azure ML v1 data drift detector",
    test: "monitor-2",
    what: "an Azure ML data drift detector on a dataset",
    fires: {
      "monitoring/azure_drift.py": [
        "from azureml.core import Dataset, Workspace",
        "from azureml.datadrift import DataDriftDetector",
        "",
        "ws = Workspace.from_config()",
        'monitor = DataDriftDetector.create_from_datasets(ws, "churn-drift", baseline, target, compute_target="cpu", frequency="Day")',
        "",
      ].join("\n"),
    },
    misses: {
      "monitoring/azure_drift.py":
        'from azureml.core import Dataset, Workspace\n\nws = Workspace.from_config()\ntarget = Dataset.get_by_name(ws, "churn-scored")\n',
    },
    at: "monitoring/azure_drift.py:2",
  },
  {
    name: "Azure ML v2 monitoring signals on production inputs",
    test: "monitor-2",
    what: "Azure ML model monitoring watches production inputs for drift or data quality",
    fires: {
      "monitoring/azure_monitor.py": [
        "from azure.ai.ml.entities import DataDriftSignal, DataQualitySignal, MonitorDefinition, MonitorSchedule",
        "",
        "signals = {",
        '    "inputs-drift": DataDriftSignal(reference_data=training_data, features=features),',
        '    "inputs-quality": DataQualitySignal(reference_data=training_data, features=features),',
        "}",
        "",
      ].join("\n"),
    },
    misses: {
      "monitoring/azure_monitor.py": [
        "from azure.ai.ml import MLClient",
        "from azure.ai.ml.entities import ManagedOnlineDeployment",
        "",
        'deployment = ManagedOnlineDeployment(name="blue", endpoint_name="churn", model=model, instance_count=1)',
        "",
      ].join("\n"),
    },
    at: "monitoring/azure_monitor.py:4",
  },
  {
    name: "an Azure ML monitoring schedule in YAML",
    test: "monitor-2",
    what: "an Azure ML monitoring schedule (by default it checks drift and data quality)",
    fires: {
      "azureml/monitor.yml": [
        "$schema: https://azuremlschemas.azureedge.net/latest/schedule.schema.json",
        "name: churn_monitoring",
        "trigger:",
        "  type: recurrence",
        "  frequency: day",
        "  interval: 1",
        "create_monitor:",
        "  compute:",
        "    instance_type: standard_e4s_v3",
        '    runtime_version: "3.4"',
        "  monitoring_target:",
        "    ml_task: classification",
        "    endpoint_deployment_id: azureml:churn:blue",
        "",
      ].join("\n"),
    },
    misses: {
      "azureml/deployment.yml": [
        "$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json",
        "name: blue",
        "endpoint_name: churn",
        "data_collector:",
        "  collections:",
        "    model_inputs:",
        "      enabled: 'True'",
        "",
      ].join("\n"),
    },
    at: "azureml/monitor.yml:7",
  },
  // ---- monitor-3
  {
    name: "a skew test that compares with serving features",
    test: "monitor-3",
    what: "tests that compare training and serving feature values",
    fires: {
      "tests/test_skew.py": [
        "from churn.features import batch_features, online_features",
        "",
        "",
        "def test_serving_matches_training(sample_rows):",
        "    assert online_features(sample_rows) == batch_features(sample_rows)",
        "",
      ].join("\n"),
    },
    misses: {
      "tests/test_observer_consistency.py": [
        "from churn.events import Observer",
        "",
        "",
        "def test_observer_sees_every_event():",
        "    assert Observer().observe([1, 2]) == [1, 2]",
        "",
      ].join("\n"),
      "tests/test_consistency.py": [
        "from churn.config import load",
        "",
        "",
        "def test_same_keys():",
        '    assert load("a.yaml").keys() == load("b.yaml").keys()',
        "",
      ].join("\n"),
    },
    at: "tests/test_skew.py:1",
  },
  {
    name: "a Feast repository with an online store",
    test: "monitor-3",
    what: "a feature store shared by training and serving (Feast with an online store)",
    fires: {
      "feature_repo/feature_store.yaml":
        "project: churn\nprovider: local\nregistry: data/registry.db\nonline_store:\n  type: redis\n  connection_string: localhost:6379\n",
    },
    misses: {
      "feature_repo/feature_store.yaml": "project: churn\nprovider: local\nregistry: data/registry.db\noffline_store:\n  type: file\n",
    },
    at: "feature_repo/feature_store.yaml:4",
  },
  {
    name: "a Clarify explainability monitor on an endpoint",
    test: "monitor-3",
    what: "SageMaker Clarify watches attribution drift against the training baseline",
    fires: {
      "monitoring/attributions.py":
        "from sagemaker.model_monitor import ModelExplainabilityMonitor\n\nmonitor = ModelExplainabilityMonitor(role=role, max_runtime_in_seconds=1800)\n",
    },
    misses: { "monitoring/attributions.py": "from sagemaker import clarify\n\nshap_config = clarify.SHAPConfig(num_samples=100)\n" },
    at: "monitoring/attributions.py:3",
  },
  {
    name: "Vertex AI skew detection against the training data",
    test: "monitor-3",
    what: "Vertex AI Model Monitoring compares serving inputs with the training data (skew)",
    fires: {
      "monitoring/vertex_skew.py": [
        "from google.cloud.aiplatform import model_monitoring",
        "",
        "skew = model_monitoring.SkewDetectionConfig(",
        '    data_source="bq://acme.churn.training", skew_thresholds={"tenure": 0.3}, target_field="churned",',
        ")",
        "",
      ].join("\n"),
    },
    misses: {
      "monitoring/vertex_skew.py":
        'from google.cloud.aiplatform import model_monitoring\n\nalerts = model_monitoring.EmailAlertConfig(user_emails=["ml@acme.test"])\n',
    },
    at: "monitoring/vertex_skew.py:3",
  },
  // ---- monitor-7: served prediction quality
  {
    name: "a SageMaker ModelQualityMonitor",
    test: "monitor-7",
    what: "SageMaker Model Monitor compares served predictions with ground truth",
    fires: {
      "monitoring/model_quality.py": [
        "from sagemaker.model_monitor import ModelQualityMonitor",
        "",
        'quality = ModelQualityMonitor(role=role, instance_count=1, instance_type="ml.m5.xlarge", max_runtime_in_seconds=1800)',
        "",
      ].join("\n"),
    },
    misses: {
      "monitoring/model_quality.py":
        "from sagemaker.model_monitor import DefaultModelMonitor\n\nmonitor = DefaultModelMonitor(role=role)\n",
    },
    at: "monitoring/model_quality.py:3",
  },
  {
    name: "a CloudFormation schedule of the model-quality type",
    test: "monitor-7",
    what: "a SageMaker model-quality monitoring schedule or job definition",
    fires: {
      "infra/quality.yaml": [
        "Resources:",
        "  ChurnQualitySchedule:",
        "    Type: AWS::SageMaker::MonitoringSchedule",
        "    Properties:",
        "      MonitoringScheduleConfig:",
        "        MonitoringJobDefinitionName: churn-model-quality",
        "        MonitoringType: ModelQuality",
        "",
      ].join("\n"),
    },
    misses: {
      "infra/quality.yaml": [
        "Resources:",
        "  ChurnInputsSchedule:",
        "    Type: AWS::SageMaker::MonitoringSchedule",
        "    Properties:",
        "      MonitoringScheduleConfig:",
        "        MonitoringJobDefinitionName: churn-data-quality",
        "        MonitoringType: DataQuality",
        "",
      ].join("\n"),
    },
    at: "infra/quality.yaml:7",
  },
  {
    name: "a Databricks inference-log monitor in a bundle",
    test: "monitor-7",
    what: "a Databricks inference-log monitor declared in a bundle or in Terraform",
    fires: {
      "resources/monitoring.yml": [
        "resources:",
        "  quality_monitors:",
        "    churn_inference_monitor:",
        "      table_name: main.churn.inference_log",
        "      inference_log:",
        "        prediction_col: prediction",
        "        label_col: churned",
        "",
      ].join("\n"),
    },
    misses: {
      "resources/monitoring.yml": [
        "resources:",
        "  quality_monitors:",
        "    churn_table_monitor:",
        "      table_name: main.churn.features",
        "      snapshot: {}",
        "",
      ].join("\n"),
    },
    at: "resources/monitoring.yml:2",
  },
  {
    name: "a Databricks inference-log monitor in Terraform",
    test: "monitor-7",
    what: "a Databricks inference-log monitor declared in a bundle or in Terraform",
    fires: {
      "terraform/monitor.tf": [
        'resource "databricks_quality_monitor" "churn" {',
        '  table_name         = "main.churn.inference_log"',
        '  output_schema_name = "main.churn_monitoring"',
        "  inference_log {",
        '    granularities  = ["1 day"]',
        '    prediction_col = "prediction"',
        '    problem_type   = "PROBLEM_TYPE_CLASSIFICATION"',
        "  }",
        "}",
        "",
      ].join("\n"),
    },
    misses: {
      "config/logging.yaml": [
        "version: 1",
        "handlers:",
        "  inference_log:",
        "    class: logging.FileHandler",
        "    filename: logs/inference.log",
        "",
      ].join("\n"),
    },
    at: "terraform/monitor.tf:1",
  },
  {
    name: "the Databricks SDK's inference-log monitor class",
    test: "monitor-7",
    what: "a Databricks inference-log monitor tracks the quality of served predictions",
    fires: {
      "monitoring/lm.py": [
        "from databricks import lakehouse_monitoring as lm",
        "",
        'lm.create_monitor(table_name="main.churn.inference_log", profile_type=lm.InferenceLog(problem_type="classification",',
        '    prediction_col="prediction", timestamp_col="ts", granularities=["1 day"], model_id_col="model_version"))',
        "",
      ].join("\n"),
    },
    misses: {
      "serving/log.py": [
        "from dataclasses import dataclass",
        "",
        "",
        "@dataclass",
        "class InferenceLog:",
        "    request_id: str",
        "",
        "",
        'entry = InferenceLog(request_id="r-1")',
        "",
      ].join("\n"),
    },
    at: "monitoring/lm.py:3",
  },
  {
    name: "Azure ML prediction-drift signal in Python",
    test: "monitor-7",
    what: "Azure ML model monitoring watches predictions for drift or quality",
    fires: {
      "monitoring/azure_predictions.py":
        "from azure.ai.ml.entities import PredictionDriftSignal\n\nsignal = PredictionDriftSignal(reference_data=validation_outputs)\n",
    },
    misses: {
      "monitoring/azure_predictions.py":
        "from azure.ai.ml.entities import DataDriftSignal\n\nsignal = DataDriftSignal(reference_data=training_data)\n",
    },
    at: "monitoring/azure_predictions.py:3",
  },
  {
    name: "Azure ML prediction-drift signal in a monitor YAML",
    test: "monitor-7",
    what: "an Azure ML monitor with a prediction-drift or model-performance signal",
    fires: {
      "azureml/monitor.yml": [
        "create_monitor:",
        "  monitoring_signals:",
        "    outputs-drift:",
        "      type: prediction_drift",
        "      metric_thresholds:",
        "        categorical:",
        "          jensen_shannon_distance: 0.1",
        "",
      ].join("\n"),
    },
    misses: {
      "azureml/monitor.yml": ["create_monitor:", "  monitoring_signals:", "    inputs-drift:", "      type: data_drift", ""].join("\n"),
    },
    at: "azureml/monitor.yml:4",
  },
  // Issue 17: today's tool versions and the rewritten guidance's detectors.
  {
    name: "pandera 0.24+ imported through pandera.pandas",
    test: "data-1",
    what: "a pandera schema in code",
    fires: { "src/schemas.py": ["import pandera.pandas as pa", "", 'orders = pa.DataFrameSchema({"id": pa.Column(int)})', ""].join("\n") },
    misses: { "src/schemas.py": ["import pandas as pd", "", "orders = pd.DataFrame()", ""].join("\n") },
    at: "src/schemas.py:1",
  },
  {
    name: "a GX Core 1.x expectation suite added to the context",
    test: "data-1",
    what: "an expectation suite registered in code (GX Core 1.x)",
    fires: {
      "pipelines/suites.py": [
        "import great_expectations as gx",
        "",
        "context = gx.get_context()",
        'suite = context.suites.add(gx.ExpectationSuite(name="orders"))',
        "",
      ].join("\n"),
    },
    misses: { "pipelines/suites.py": ["import great_expectations as gx", "", "context = gx.get_context()", ""].join("\n") },
    at: "pipelines/suites.py:4",
  },
  {
    name: "feature computation benchmarked with pytest-benchmark",
    test: "data-3",
    what: "benchmarks of feature computation",
    fires: {
      "tests/bench_features.py": [
        "from model.features import build_features",
        "",
        "def test_build_features_speed(benchmark, orders):",
        "    benchmark(build_features, orders)",
        "",
      ].join("\n"),
    },
    misses: {
      "tests/bench_features.py": [
        "from model.features import build_features",
        "",
        "def test_build_features(orders):",
        "    assert build_features(orders) is not None",
        "",
      ].join("\n"),
    },
    at: "tests/bench_features.py:4",
  },
  {
    name: "feature benchmarks run by CI",
    test: "data-3",
    what: "feature code is benchmarked in CI",
    fires: {
      ".github/workflows/bench.yml": [
        "on: [pull_request]",
        "jobs:",
        "  bench:",
        "    runs-on: ubuntu-latest",
        "    steps:",
        "      - run: pytest tests/bench_features.py --benchmark-only",
        "",
      ].join("\n"),
    },
    misses: {
      ".github/workflows/bench.yml": [
        "on: [pull_request]",
        "jobs:",
        "  bench:",
        "    runs-on: ubuntu-latest",
        "    steps:",
        "      - run: pytest tests/test_features.py",
        "",
      ].join("\n"),
    },
    at: ".github/workflows/bench.yml:6",
  },
  {
    name: "a feature denylist kept as data",
    test: "data-4",
    what: "a feature allowlist or denylist kept as data",
    fires: { "config/feature_denylist.yaml": "- user_ethnicity\n- raw_ip_address\n" },
    misses: { "config/features.yaml": "- basket_size\n- hour_of_day\n" },
    at: "config/feature_denylist.yaml:1",
  },
  {
    name: "dbt source freshness checked on a schedule",
    test: "monitor-1",
    what: "upstream source freshness is checked on a schedule (dbt)",
    fires: {
      ".github/workflows/freshness.yml": [
        "on:",
        "  schedule:",
        '    - cron: "0 6 * * *"',
        "jobs:",
        "  freshness:",
        "    runs-on: ubuntu-latest",
        "    steps:",
        "      - run: dbt source freshness",
        "",
      ].join("\n"),
    },
    misses: {
      ".github/workflows/freshness.yml": [
        "on: [push]",
        "jobs:",
        "  freshness:",
        "    runs-on: ubuntu-latest",
        "    steps:",
        "      - run: dbt source freshness",
        "",
      ].join("\n"),
    },
    at: ".github/workflows/freshness.yml:8",
  },
  {
    name: "MLflow 3's classic evaluation entry point",
    test: "infra-4",
    what: "models evaluated with MLflow (mlflow.models.evaluate, formerly mlflow.evaluate)",
    fires: {
      "train/evaluate.py": [
        "import mlflow",
        "",
        'result = mlflow.models.evaluate(model_uri, eval_data, targets="label", model_type="classifier")',
        "",
      ].join("\n"),
    },
    misses: { "train/evaluate.py": ["import mlflow", "", 'mlflow.log_metric("auc", auc)', ""].join("\n") },
    at: "train/evaluate.py:3",
  },
];

describe("new detectors fire on the practice and not on a near miss", () => {
  it.each(CASES)("$test: $name", (c) => {
    const fired = signalsOf(detectIn(c.fires), c.test);
    expect(fired, fired.join(" // ")).toContain(`${c.what} @ ${c.at}`);
    expect(whats(detectIn(c.misses), c.test)).not.toContain(c.what);
  });
});

describe("GX Core 1.x, which has no CLI", () => {
  it("a validation script that CI runs makes data-1 automated", () => {
    const report = detectIn({
      ".github/workflows/ci.yml": [
        "on: [push]",
        "jobs:",
        "  data:",
        "    runs-on: ubuntu-latest",
        "    steps:",
        "      - run: python scripts/validate_orders.py",
        "",
      ].join("\n"),
      "scripts/validate_orders.py": [
        "import great_expectations as gx",
        "context = gx.get_context()",
        'suite = context.suites.add(gx.ExpectationSuite(name="orders"))',
        'suite.add_expectation(gx.expectations.ExpectColumnValuesToNotBeNull(column="id"))',
        'vd = context.validation_definitions.add(gx.ValidationDefinition(name="orders", data=batch, suite=suite))',
        'context.checkpoints.add(gx.Checkpoint(name="orders", validation_definitions=[vd])).run()',
        "",
      ].join("\n"),
    });
    const data1 = report.tests.find((t) => t.id === "data-1")!;
    expect(data1.suggestion?.status).toBe("automated");
    expect(whats(report, "data-1")).toContain(
      "data validated against an expectation suite in code (GX Core 1.x), in a file that .github/workflows/ci.yml#data runs",
    );
  });
});

describe("false alarms the issue names no longer fire", () => {
  it("a dependency line claims no production monitoring, privacy or slice evaluation", () => {
    const report = detectIn({
      "requirements.txt": [
        "evidently==0.4.40",
        "whylogs==1.5.0",
        "alibi-detect==0.12.0",
        "nannyml==0.12.1",
        "great-expectations==1.3.0",
        "presidio-analyzer==2.2.355",
        "opacus==1.5.2",
        "tensorflow-model-analysis==0.46.0",
        "deepchecks==0.18.1",
        "acryl-datahub==0.15.0",
        "model-card-toolkit==2.0.0",
        "",
      ].join("\n"),
    });
    for (const id of ["data-4", "data-5", "model-6", "model-7", "monitor-2", "monitor-7"]) expect(signalsOf(report, id), id).toEqual([]);
    // A development-time hint stays where the dependency implies the practice: a schema library.
    expect(whats(report, "data-1")).toEqual(["a data-validation library is a dependency"]);
  });

  it("no rubric detector claims a production or privacy practice from a dependency", () => {
    const rubric = parseYaml(readFileSync(join(ROOT, "rubrics/ml-test-score-2017.yaml"), "utf8")) as {
      sections: { tests: { id: string; detect?: { what: string; dependency?: string[]; files?: string[]; contains?: string }[] }[] }[];
    };
    const detectors = rubric.sections.flatMap((s) => s.tests.flatMap((t) => (t.detect ?? []).map((d) => ({ id: t.id, ...d }))));
    const production = /^(data-[45]|model-6|monitor-\d)$/;
    expect(detectors.filter((d) => d.dependency && production.test(d.id)).map((d) => `${d.id}: ${d.what}`)).toEqual([]);
    // A test file's name never suffices: every detector that looks at test files reads them.
    const nameOnlyTests = detectors.filter(
      (d) => d.files && !d.contains && d.files.some((g) => /(^|\/)test[^/]*$|_test[^/]*$|\/tests\//.test(g)),
    );
    expect(nameOnlyTests.map((d) => `${d.id}: ${d.what}`)).toEqual([]);
    expect(detectors.filter((d) => d.contains?.includes("check-added-large-files")).map((d) => d.what)).toEqual([]);
  });

  it("a generic large-file hook and nbstripout are not privacy controls", () => {
    const report = detectIn({
      ".pre-commit-config.yaml":
        "repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v5.0.0\n    hooks:\n      - id: check-added-large-files\n",
    });
    expect(signalsOf(report, "data-5")).toEqual([]);
  });

  it("test files named for a practice, with nothing of it inside, claim nothing", () => {
    const stub = '"""Tests to come."""\n';
    const report = detectIn({
      "tests/test_features.py": stub,
      "tests/test_model.py": stub,
      "tests/test_training.py": stub,
      "tests/test_pipeline.py": stub,
      "tests/integration/test_api.py": stub,
      "tests/test_accuracy.py": stub,
      "tests/test_explain.py": stub,
      "tests/test_reproducibility.py": stub,
      "tests/test_skew.py": stub,
      "tests/test_feature_policy.py": stub,
    });
    for (const id of ["data-4", "data-7", "infra-1", "infra-2", "infra-3", "infra-4", "infra-5", "monitor-3"])
      expect(signalsOf(report, id), id).toEqual([]);
  });

  it("an overall-only slicing spec claims no per-slice quality", () => {
    const report = detectIn({
      "pipeline/evaluate.py":
        "import tensorflow_model_analysis as tfma\n\neval_config = tfma.EvalConfig(slicing_specs=[tfma.SlicingSpec()])\n",
      "config/eval_config.json": '{"modelSpecs": [{"labelKey": "tips"}], "slicingSpecs": [{}]}\n',
    });
    expect(signalsOf(report, "model-6")).toEqual([]);
    const sliced = detectIn({ "config/eval_config.json": '{"slicingSpecs": [{}, {"featureKeys": ["payment_type"]}]}\n' });
    expect(signalsOf(sliced, "model-6")).toEqual([
      "TFMA slicing specs in an evaluation config that name the features to slice by @ config/eval_config.json:1",
    ]);
  });

  it("Fairlearn's MetricFrame, whose sensitive features are the slices, still counts", () => {
    const report = detectIn({
      "src/churn/fairness.py":
        "from fairlearn.metrics import MetricFrame\n\nframe = MetricFrame(metrics=recall_score, y_true=y, y_pred=p, sensitive_features=df.region)\n",
    });
    expect(whats(report, "model-6")).toContain("metrics per group with Fairlearn's MetricFrame");
  });
});

describe("through the built CLI", () => {
  it("a SageMaker project with monitoring and a gated pipeline: detect --format json keeps its contract", () => {
    const dir = project({
      "pipelines/churn/pipeline.py": [
        "from sagemaker.workflow.conditions import ConditionLessThanOrEqualTo",
        "from sagemaker.workflow.condition_step import ConditionStep",
        "",
        'rmse_ok = ConditionLessThanOrEqualTo(left=JsonGet(step_name="Evaluate", property_file=report, json_path="rmse"), right=6.0)',
        'step_cond = ConditionStep(name="CheckRMSE", conditions=[rmse_ok], if_steps=[step_register_model], else_steps=[])',
        "",
      ].join("\n"),
      "monitoring/schedule.py":
        "from sagemaker.model_monitor import DefaultModelMonitor, ModelQualityMonitor\n\ndata = DefaultModelMonitor(role=role)\nquality = ModelQualityMonitor(role=role)\n",
    });
    const run = mltest("detect", dir, "--format", "json");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const report = detectReportSchema().parse(JSON.parse(run.stdout));
    const suggestion = (id: string) => report.tests.find((t) => t.id === id)?.suggestion;
    expect(suggestion("infra-4")).toEqual({ status: "manual", evidence: [{ path: "pipelines/churn/pipeline.py" }] });
    expect(suggestion("monitor-2")).toEqual({ status: "manual", evidence: [{ path: "monitoring/schedule.py" }] });
    expect(suggestion("monitor-7")).toEqual({ status: "manual", evidence: [{ path: "monitoring/schedule.py" }] });
  });
});
