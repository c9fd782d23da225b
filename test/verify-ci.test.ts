// ci pointers, with CI files read as data and never run: each CI system's jobs (GitHub Actions,
// GitLab CI, CircleCI, Bitbucket, Azure, Cloud Build, CodeBuild, Databricks bundles, Jenkins),
// what their steps run, schedules, template paths, and the CI systems mltest does not read. Every
// project is a real folder in a temporary directory.
import { symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { jenkinsfile } from "../src/verify/ci/jenkinsfile.js";
import { readCi } from "../src/verify/ci.js";
import { ProjectFiles } from "../src/verify/files.js";
import { templatedPath } from "../src/verify/template-path.js";
import { check, projects, stateOf } from "./verify-cases.js";

const project = projects("mltest-verify-ci-");

// ---------------------------------------------------------------------------------------------

describe("ci pointers: GitHub Actions", () => {
  const { root } = project({
    ".github/workflows/ci.yml": [
      "name: ci",
      "on:",
      "  push:",
      "  schedule:",
      '    - cron: "0 3 * * *"',
      "jobs:",
      "  test:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - uses: actions/checkout@v4",
      "      - run: |",
      "          pip install -r requirements.txt",
      "          pytest tests --junitxml=reports/junit.xml",
      "  lint:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - uses: astral-sh/ruff-action@v3",
      "  reuse:",
      "    uses: ./.github/workflows/reusable.yml",
      "    with:",
      "      target: prod",
      "",
    ].join("\n"),
    ".github/workflows/push.yml": "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest tests\n",
    ".github/workflows/not-cron.yml": "on:\n  schedule:\n    - interval: daily\njobs:\n  test:\n    steps:\n      - run: pytest\n",
    ".github/workflows/broken.yml": "on: [push\njobs:\n  test: {\n",
    ".github/workflows/list.yml": "- just\n- a list\n",
  });

  it("accepts an existing job", () => {
    expect(check(root, { ci: ".github/workflows/ci.yml#test" })).toEqual({
      pointer: "ci .github/workflows/ci.yml#test",
      result: "ok",
      message: 'GitHub Actions job "test" exists',
    });
  });

  it("breaks a missing job and lists the jobs there are", () => {
    const found = check(root, { ci: ".github/workflows/ci.yml#deploy" });
    expect(found.result).toBe("broken");
    expect(found.message).toContain('no job "deploy"');
    expect(found.message).toContain("its jobs: test, lint, reuse");
  });

  it("breaks a workflow file that does not exist", () => {
    expect(check(root, { ci: ".github/workflows/missing.yml#test" })).toMatchObject({
      result: "broken",
      message: "no such file or folder",
    });
  });

  it("finds runs: text in a multi-line run: step and in a uses: step", () => {
    expect(check(root, { ci: ".github/workflows/ci.yml#test", runs: "pytest tests" }).result).toBe("ok");
    expect(check(root, { ci: ".github/workflows/ci.yml#test", runs: "actions/checkout" }).result).toBe("ok");
    expect(check(root, { ci: ".github/workflows/ci.yml#lint", runs: "ruff-action" })).toMatchObject({
      result: "ok",
      message: 'GitHub Actions job "lint" exists and runs "ruff-action"',
    });
  });

  it("breaks when the runs: text is absent from the job (even if another job has it)", () => {
    expect(check(root, { ci: ".github/workflows/ci.yml#test", runs: "mypy" })).toMatchObject({
      result: "broken",
      message: 'the job\'s steps never run "mypy", nor do the task runners and scripts they call',
    });
    expect(check(root, { ci: ".github/workflows/ci.yml#lint", runs: "pytest" }).result).toBe("broken");
  });

  it("accepts scheduled: true with an on.schedule cron and breaks it without one", () => {
    expect(check(root, { ci: ".github/workflows/ci.yml#test", scheduled: true }).message).toMatch(/on a schedule$/);
    expect(check(root, { ci: ".github/workflows/push.yml#test", scheduled: true })).toMatchObject({
      result: "broken",
      message: expect.stringMatching(/no schedule/),
    });
    expect(check(root, { ci: ".github/workflows/not-cron.yml#test", scheduled: true }).result).toBe("broken");
    expect(check(root, { ci: ".github/workflows/push.yml#test", scheduled: false }).result).toBe("ok");
  });

  it.each([".github/workflows/ci.yml", ".github/workflows/ci.yml#", "#test"])("breaks %s, which is not FILE#JOB", (ci) => {
    expect(check(root, { ci })).toMatchObject({ result: "broken", message: expect.stringMatching(/WORKFLOW-FILE#JOB/) });
  });

  it("breaks a workflow that is not valid YAML, or not a mapping", () => {
    expect(check(root, { ci: ".github/workflows/broken.yml#test" })).toMatchObject({
      result: "broken",
      message: expect.stringMatching(/^not valid YAML/),
    });
    expect(check(root, { ci: ".github/workflows/list.yml#test" }).message).toMatch(/no mapping/);
  });

  it("knows a reusable-workflow job (jobs.x.uses) and what it uses", () => {
    expect(check(root, { ci: ".github/workflows/ci.yml#reuse" }).result).toBe("ok");
    expect(check(root, { ci: ".github/workflows/ci.yml#reuse", runs: "reusable.yml" }).result).toBe("ok");
    expect(check(root, { ci: ".github/workflows/ci.yml#reuse", runs: "pytest" }).result).toBe("broken");
  });

  it("refuses a workflow path outside the root", () => {
    expect(check(root, { ci: "../.github/workflows/ci.yml#test" }).message).toMatch(/outside the project root/);
  });

  it("verifies an automated claim with a ci pointer", () => {
    expect(stateOf(root, { status: "automated", evidence: [{ ci: ".github/workflows/ci.yml#test", runs: "pytest" }] }).state).toBe(
      "verified",
    );
  });
});

describe("ci pointers: GitLab CI", () => {
  const { root } = project(
    {
      ".gitlab-ci.yml": [
        "stages: [test, train, monitor]",
        "variables:",
        "  PIP_CACHE_DIR: .cache",
        "include:",
        "  - local: ci/x.yml",
        "  - local: /ci/z.yml",
        "  - remote: https://example.com/shared-ci.yml",
        "  - template: Security/SAST.gitlab-ci.yml",
        "  - local: ../outside-ci.yml",
        "  - local: ci/escape.yml",
        "default:",
        "  image: python:3.11",
        "  before_script:",
        "    - pip install -r requirements.txt",
        ".template:",
        "  script:",
        "    - python -m forecast.train --config configs/train.yaml",
        "  rules:",
        `    - if: '$CI_PIPELINE_SOURCE == "schedule"'`,
        "build:",
        "  script: make build",
        "trained:",
        "  extends: .template",
        "nightly:",
        "  only: [schedules]",
        "  script: [pytest nightly]",
        "nightly-refs:",
        "  only:",
        "    refs: [schedules]",
        "  script: [pytest nightly]",
        "custom-before:",
        "  before_script: [echo hello]",
        "  script: [pytest]",
        "never-scheduled:",
        "  script: [pytest]",
        "  rules:",
        `    - if: '$CI_PIPELINE_SOURCE == "schedule"'`,
        "      when: never",
        "    - when: always",
        "loop-a:",
        "  extends: loop-b",
        "  script: [echo a]",
        "loop-b:",
        "  extends: loop-a",
        "",
      ].join("\n"),
      "ci/x.yml": "include: 'ci/y.yml'\nfrom-x:\n  script: [echo x]\n",
      // y includes x and the root file again: a cycle, which must end.
      "ci/y.yml": "include:\n  - local: ci/x.yml\n  - .gitlab-ci.yml\nfrom-y:\n  script: [echo y]\n",
      "ci/z.yml": "from-z:\n  script: [echo z]\n",
    },
    { "outside-ci.yml": "outside-job:\n  script: [echo outside]\n", "evil.yml": "evil-job:\n  script: [echo evil]\n" },
  );
  symlinkSync(join(dirname(root), "evil.yml"), join(root, "ci/escape.yml"));
  const gl = (job: string, extra: Record<string, unknown> = {}) => check(root, { ci: `.gitlab-ci.yml#${job}`, ...extra });

  it("finds a job in .gitlab-ci.yml", () => {
    expect(gl("build")).toEqual({ pointer: "ci .gitlab-ci.yml#build", result: "ok", message: 'GitLab CI job "build" exists' });
  });

  it("finds jobs from include: local:, the string form include: 'ci/y.yml', and a leading-slash include", () => {
    expect(gl("from-x").result).toBe("ok");
    expect(gl("from-y").result).toBe("ok");
    expect(gl("from-z").result).toBe("ok");
    expect(gl("from-z", { runs: "echo z" }).result).toBe("ok");
  });

  it("does not count hidden .template jobs or settings as jobs", () => {
    const found = gl(".template");
    expect(found.result).toBe("broken");
    const jobs = found.message
      .match(/its jobs: ([^(]*)/)![1]!
      .trim()
      .split(", ");
    expect(jobs).toContain("build");
    expect(jobs).toContain("from-y");
    for (const notJob of [".template", "stages", "variables", "include", "default"]) expect(jobs).not.toContain(notJob);
    for (const notJob of ["stages", "variables", "default"]) expect(gl(notJob).result).toBe("broken");
  });

  it("brings script and rules in from an extends: template", () => {
    expect(gl("trained", { runs: "forecast.train" }).result).toBe("ok");
    expect(gl("trained", { scheduled: true }).result).toBe("ok");
  });

  it("counts before_script from default: for runs:, unless the job has its own", () => {
    expect(gl("build", { runs: "pip install" }).result).toBe("ok");
    expect(gl("from-x", { runs: "pip install" }).result).toBe("ok");
    expect(gl("custom-before", { runs: "echo hello" }).result).toBe("ok");
    expect(gl("custom-before", { runs: "pip install" }).result).toBe("broken");
    expect(gl("build", { runs: "pytest" })).toMatchObject({
      result: "broken",
      message: 'the job\'s steps never run "pytest", nor do the task runners and scripts they call',
    });
  });

  it("knows schedule pipelines from rules: if $CI_PIPELINE_SOURCE and from only: [schedules]", () => {
    expect(gl("nightly", { scheduled: true }).result).toBe("ok");
    expect(gl("nightly-refs", { scheduled: true }).result).toBe("ok");
    expect(gl("build", { scheduled: true })).toMatchObject({ result: "broken", message: "the job does not run in schedule pipelines" });
    expect(gl("never-scheduled", { scheduled: true }).result).toBe("broken");
  });

  it("notes a remote include and does not follow it: a job only defined there is broken", () => {
    const found = gl("shared-job");
    expect(found.result).toBe("broken");
    expect(found.message).toContain("remote include not followed");
    expect(found.message).toContain("template include not followed");
    const parsed = readCi(new ProjectFiles(root), ".gitlab-ci.yml");
    expect(parsed.ok && parsed.notes.some((n) => n.startsWith("remote include"))).toBe(true);
  });

  it("never follows a local include out of the root, by .. or by a symbolic link", () => {
    const outside = gl("outside-job");
    expect(outside.result).toBe("broken");
    expect(outside.message).toMatch(/include \.\.\/outside-ci\.yml: leads outside the project root/);
    const evil = gl("evil-job");
    expect(evil.result).toBe("broken");
    expect(evil.message).toMatch(/include ci\/escape\.yml: a symbolic link/);
  });

  it("ends an include cycle and an extends cycle", () => {
    const parsed = readCi(new ProjectFiles(root), ".gitlab-ci.yml");
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && [...parsed.jobs.keys()].filter((j) => j.startsWith("from-")).sort()).toEqual(["from-x", "from-y", "from-z"]);
    expect(gl("loop-a", { runs: "echo a" }).result).toBe("ok");
  });

  it("follows a local include given as a glob", () => {
    const { root: globbed } = project({
      ".gitlab-ci.yml": "include:\n  - local: ci/jobs/*.yml\n",
      "ci/jobs/a.yml": "job-a:\n  script: [echo a]\n",
      "ci/jobs/b.yml": "job-b:\n  script: [echo b]\n",
    });
    expect(check(globbed, { ci: ".gitlab-ci.yml#job-a" }).result).toBe("ok");
    expect(check(globbed, { ci: ".gitlab-ci.yml#job-b" }).result).toBe("ok");
  });

  it("breaks a .gitlab-ci.yml that is not valid YAML", () => {
    const { root: bad } = project({ ".gitlab-ci.yml": "build:\n  script: [unclosed\n" });
    expect(check(bad, { ci: ".gitlab-ci.yml#build" }).message).toMatch(/^not valid YAML/);
  });

  // Regression: a schedule rule that EXCLUDES schedule pipelines counts as scheduled. runsOnSchedule()
  // only checks that the `if:` mentions $CI_PIPELINE_SOURCE and a quoted "schedule", not the
  // operator. Input: job `rules: - if: '$CI_PIPELINE_SOURCE != "schedule"'`, pointer
  // `scheduled: true`. Expected: broken (the job never runs in a schedule pipeline). Actual: ok.
  it('does not count rules: if $CI_PIPELINE_SOURCE != "schedule" as scheduled', () => {
    const { root: neg } = project({
      ".gitlab-ci.yml": `not-nightly:\n  script: [pytest]\n  rules:\n    - if: '$CI_PIPELINE_SOURCE != "schedule"'\n`,
    });
    expect(check(neg, { ci: ".gitlab-ci.yml#not-nightly", scheduled: true }).result).toBe("broken");
  });

  // Regression: included files override the including file. gitlab() reads breadth first and lets later
  // definitions replace earlier ones, so an included job replaces the root file's job of the same
  // name. GitLab does the opposite: "the configuration in the main .gitlab-ci.yml takes precedence
  // over included configuration". Input: .gitlab-ci.yml includes ci/base.yml; both define `test`,
  // the root with `script: [pytest --strict-markers]`, ci/base.yml with `script: [pytest]`.
  // Pointer `.gitlab-ci.yml#test` runs "--strict-markers". Expected: ok. Actual: broken.
  it("lets the main .gitlab-ci.yml override a job from an included file", () => {
    const { root: over } = project({
      ".gitlab-ci.yml": "include:\n  - local: ci/base.yml\ntest:\n  script: [pytest --strict-markers]\n",
      "ci/base.yml": "test:\n  script: [pytest]\n",
    });
    expect(check(over, { ci: ".gitlab-ci.yml#test", runs: "--strict-markers" }).result).toBe("ok");
  });

  // Regression: GitLab's `!reference [.template, script]` tag is not resolved. The yaml parser leaves the
  // unknown tag's sequence as plain data (and emits a YAMLWarning on the process), so the job's
  // commands become the literal strings ".setup" and "script". Input: `.setup: {script: [pip
  // install -r requirements.txt]}` and `test: {script: [!reference [.setup, script], pytest]}`;
  // pointer `.gitlab-ci.yml#test` runs "pip install". Expected: ok (GitLab runs that line).
  // Actual: broken, 'the job's steps never run "pip install"'.
  it("resolves !reference [.template, script] in a script", () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    try {
      const { root: ref } = project({
        ".gitlab-ci.yml":
          ".setup:\n  script:\n    - pip install -r requirements.txt\ntest:\n  script:\n    - !reference [.setup, script]\n    - pytest\n",
      });
      expect(check(ref, { ci: ".gitlab-ci.yml#test", runs: "pip install" }).result).toBe("ok");
    } finally {
      warn.mockRestore();
    }
  });
});

describe("ci pointers: CircleCI", () => {
  const { root } = project({
    ".circleci/config.yml": [
      "version: 2.1",
      "orbs: { python: circleci/python@2.1 }",
      "jobs:",
      "  test:",
      "    docker: [{ image: cimg/python:3.12 }]",
      "    steps:",
      "      - checkout",
      "      - python/install-packages",
      "      - run: pytest tests/test_data.py",
      "  drift:",
      "    steps:",
      "      - run: { name: Drift report, command: python -m monitoring.drift --window 7d }",
      "workflows:",
      "  build: { jobs: [test] }",
      "  nightly:",
      "    triggers: [{ schedule: { cron: '0 3 * * *', filters: { branches: { only: [main] } } } }]",
      "    jobs: [{ drift: { context: prod } }]",
      "",
    ].join("\n"),
  });
  const cc = (job: string, extra: Record<string, unknown> = {}) => check(root, { ci: `.circleci/config.yml#${job}`, ...extra });

  it("verifies a job, what its run steps and orb commands run, and a schedule trigger of a workflow that lists it", () => {
    expect(cc("test", { runs: "pytest tests/test_data.py" })).toMatchObject({
      result: "ok",
      message: 'CircleCI job "test" exists and runs "pytest tests/test_data.py"',
    });
    expect(cc("test", { runs: "python/install-packages" }).result).toBe("ok");
    expect(cc("drift", { runs: "monitoring.drift", scheduled: true }).result).toBe("ok");
  });

  it("breaks a job that does not exist, that never runs the text, or that no scheduled workflow runs", () => {
    expect(cc("deploy")).toMatchObject({ result: "broken", message: 'no job "deploy" in .circleci/config.yml; its jobs: test, drift' });
    expect(cc("test", { runs: "great_expectations" })).toMatchObject({ result: "broken" });
    expect(cc("test", { scheduled: true })).toMatchObject({ result: "broken", message: expect.stringContaining("schedule trigger") });
  });

  it("counts a workflow that runs only for scheduled pipelines as a schedule", () => {
    const { root: other } = project({
      ".circleci/config.yml":
        "version: 2.1\njobs:\n  retrain:\n    steps: [{ run: python train.py }]\nworkflows:\n  weekly:\n" +
        "    when: { equal: [scheduled_pipeline, << pipeline.trigger_source >>] }\n    jobs: [retrain]\n",
    });
    expect(check(other, { ci: ".circleci/config.yml#retrain", scheduled: true }).result).toBe("ok");
  });
});

describe("ci pointers: Bitbucket Pipelines", () => {
  const { root } = project({
    "bitbucket-pipelines.yml": [
      "image: python:3.12",
      "definitions:",
      "  steps:",
      "    - step: &unit",
      "        name: Unit tests",
      "        script: [pip install -r requirements.txt, pytest tests]",
      "pipelines:",
      "  default:",
      "    - step: *unit",
      "    - parallel:",
      "        - step: { name: Validate data, script: [python -m pipeline.validate_data] }",
      "        - step: { script: [ruff check .] }",
      "  branches:",
      "    main:",
      "      - stage:",
      "          name: Release",
      "          steps:",
      "            - step: { name: Canary, script: [{ pipe: atlassian/aws-ecs-deploy:1.6.2 }] }",
      "  custom:",
      "    nightly-drift:",
      "      - step: { name: Drift, script: [python -m monitoring.drift] }",
      "",
    ].join("\n"),
  });
  const bb = (job: string, extra: Record<string, unknown> = {}) => check(root, { ci: `bitbucket-pipelines.yml#${job}`, ...extra });

  it("names steps by their name, in parallel and stage blocks too, and an unnamed one by its pipeline and place", () => {
    expect(bb("Unit tests", { runs: "pytest tests" }).result).toBe("ok");
    expect(bb("Validate data", { runs: "validate_data" }).result).toBe("ok");
    expect(bb("default-3", { runs: "ruff check" }).result).toBe("ok");
    expect(bb("Canary", { runs: "atlassian/aws-ecs-deploy" }).result).toBe("ok");
    expect(bb("Deploy")).toMatchObject({
      result: "broken",
      message: expect.stringContaining("its jobs: Unit tests, Validate data, default-3, Canary, Drift"),
    });
  });

  it("leaves scheduled: true unverified, since Bitbucket keeps schedules in the repository's settings", () => {
    expect(bb("Drift", { scheduled: true })).toMatchObject({
      result: "unverified",
      message: expect.stringContaining("repository's settings"),
    });
    const claim = stateOf(root, { status: "automated", evidence: [{ ci: "bitbucket-pipelines.yml#Drift", scheduled: true }] });
    expect(claim.state).toBe("unverified");
  });
});

describe("ci pointers: Azure Pipelines", () => {
  const staged = [
    "trigger: [main]",
    "schedules:",
    "  - cron: '0 2 * * *'",
    "    branches: { include: [main] }",
    "stages:",
    "  - stage: Test",
    "    jobs:",
    "      - job: unit",
    "        steps:",
    "          - script: pytest tests/unit",
    "          - task: PythonScript@0",
    "            inputs: { scriptSource: filePath, scriptPath: validate.py, arguments: --schema data/schema.json }",
    "  - stage: Deploy",
    "    jobs:",
    "      - deployment: canary",
    "        environment: prod",
    "        strategy: { canary: { increments: [10], deploy: { steps: [{ bash: ./deploy.sh --canary }] } } }",
    "      - template: jobs/monitor.yml",
    "",
  ].join("\n");
  const { root } = project({ "azure-pipelines.yml": staged, ".azure-pipelines/steps-only.yml": "steps:\n  - pwsh: ./check.ps1\n" });
  const az = (job: string, extra: Record<string, unknown> = {}) => check(root, { ci: `azure-pipelines.yml#${job}`, ...extra });

  it("verifies jobs and deployments by id, and by STAGE.JOB, with what their steps and tasks run", () => {
    expect(az("unit", { runs: "pytest tests/unit" }).result).toBe("ok");
    expect(az("Test.unit", { runs: "PythonScript@0" }).result).toBe("ok");
    expect(az("unit", { runs: "--schema data/schema.json" }).result).toBe("ok");
    expect(az("Deploy.canary", { runs: "deploy.sh --canary" }).result).toBe("ok");
  });

  it("schedules every job of a pipeline with schedules: and a cron, and names a template it did not follow", () => {
    expect(az("unit", { scheduled: true }).result).toBe("ok");
    expect(az("monitor")).toMatchObject({
      result: "broken",
      message: expect.stringContaining("job template jobs/monitor.yml not followed"),
    });
  });

  it("names a pipeline of bare steps __default, and breaks scheduled: true without schedules", () => {
    expect(check(root, { ci: ".azure-pipelines/steps-only.yml#__default", runs: "check.ps1" }).result).toBe("ok");
    expect(check(root, { ci: ".azure-pipelines/steps-only.yml#__default", scheduled: true })).toMatchObject({
      result: "broken",
      message: "the pipeline has no schedules: with a cron",
    });
  });
});

describe("ci pointers: Google Cloud Build, AWS CodeBuild and Databricks asset bundles", () => {
  const { root } = project({
    "cloudbuild.yaml": [
      "steps:",
      "  - name: python:3.12",
      "    entrypoint: bash",
      "    args: [-c, 'pip install -r requirements.txt && pytest tests/test_model.py']",
      "  - id: validate-data",
      "    name: python:3.12",
      "    script: python -m pipeline.validate_data",
      "",
    ].join("\n"),
    "buildspec.yml":
      "version: 0.2\nphases:\n  install:\n    commands: [pip install -r requirements.txt]\n  build:\n    commands: [pytest tests]\n    finally: [python report.py]\n",
    "databricks.yml": "bundle: { name: churn }\ninclude: [resources/*.yml]\n",
    "resources/churn.job.yml": [
      "resources:",
      "  jobs:",
      "    retrain:",
      "      schedule: { quartz_cron_expression: '0 0 3 * * ?', timezone_id: UTC }",
      "      tasks:",
      "        - task_key: train",
      "          notebook_task: { notebook_path: ../src/train.ipynb }",
      "        - task_key: evaluate",
      "          python_wheel_task: { package_name: churn, entry_point: evaluate, parameters: [--compare-to, production] }",
      "    backfill:",
      "      schedule: { quartz_cron_expression: '0 0 4 * * ?', timezone_id: UTC, pause_status: PAUSED }",
      "      tasks: [{ task_key: run, spark_python_task: { python_file: ../src/backfill.py } }]",
      "",
    ].join("\n"),
  });

  it("names Cloud Build steps by id or place, with the command line their entrypoint and args make", () => {
    expect(check(root, { ci: "cloudbuild.yaml#step-1", runs: "pytest tests/test_model.py" }).result).toBe("ok");
    expect(check(root, { ci: "cloudbuild.yaml#validate-data", runs: "pipeline.validate_data" }).result).toBe("ok");
    expect(check(root, { ci: "cloudbuild.yaml#validate-data", scheduled: true })).toMatchObject({
      result: "unverified",
      message: expect.stringContaining("Cloud Scheduler"),
    });
  });

  it("names CodeBuild phases, with their commands and finally lines", () => {
    expect(check(root, { ci: "buildspec.yml#build", runs: "pytest tests" }).result).toBe("ok");
    expect(check(root, { ci: "buildspec.yml#build", runs: "report.py" }).result).toBe("ok");
    expect(check(root, { ci: "buildspec.yml#test" })).toMatchObject({
      result: "broken",
      message: expect.stringContaining("its jobs: install, build"),
    });
    expect(check(root, { ci: "buildspec.yml#build", scheduled: true }).result).toBe("unverified");
  });

  it("names Databricks jobs by their key, with their tasks, scheduled by a Quartz cron that is not paused", () => {
    expect(check(root, { ci: "resources/churn.job.yml#retrain", runs: "train.ipynb", scheduled: true }).result).toBe("ok");
    expect(check(root, { ci: "resources/churn.job.yml#retrain", runs: "--compare-to production" }).result).toBe("ok");
    // A job with its schedule paused runs when someone starts it, and the finding says so.
    expect(check(root, { ci: "resources/churn.job.yml#backfill", runs: "backfill.py" })).toMatchObject({
      result: "ok",
      message:
        'Databricks asset bundle job "backfill" exists and runs "backfill.py"; the job runs only when started: its schedule is paused and it has no trigger or continuous run',
    });
    expect(check(root, { ci: "resources/churn.job.yml#backfill", scheduled: true })).toMatchObject({
      result: "broken",
      message: expect.stringContaining("not paused"),
    });
  });
});

describe("ci pointers: Jenkins", () => {
  const { root } = project({
    Jenkinsfile: [
      "// Declarative pipeline",
      "pipeline {",
      "  agent any",
      "  triggers { cron('H 3 * * *') }",
      "  stages {",
      "    stage('Validate data') {",
      "      steps {",
      "        sh 'python -m pipeline.validate_data'",
      '        sh(script: """',
      "          pytest tests/test_features.py",
      '        """, returnStatus: true)',
      "      }",
      "    }",
      '    stage("Checks") {',
      "      parallel {",
      "        stage('Lint') { steps { bat 'ruff check .' } }",
      "        /* stage('Old') { steps { sh 'never' } } */",
      "      }",
      "    }",
      "  }",
      "  post { always { junit 'reports/*.xml' } }",
      "}",
      "",
    ].join("\n"),
    "ci/nightly.Jenkinsfile": "node {\n  stage('Train') {\n    sh \"python train.py --seed ${SEED}\"\n  }\n}\n",
  });
  const jk = (job: string, extra: Record<string, unknown> = {}) => check(root, { ci: `Jenkinsfile#${job}`, ...extra });

  it("reads stages as jobs, nested ones too, with their shell steps in every quoting", () => {
    expect(jk("Validate data", { runs: "pipeline.validate_data" })).toMatchObject({
      result: "ok",
      message: expect.stringContaining('Jenkins job "Validate data"'),
    });
    expect(jk("Validate data", { runs: "pytest tests/test_features.py" }).result).toBe("ok");
    expect(jk("Lint", { runs: "ruff check" }).result).toBe("ok");
    expect(jk("Checks", { runs: "ruff check" }).result).toBe("ok");
    expect(jk("Old")).toMatchObject({ result: "broken", message: 'no job "Old" in Jenkinsfile; its jobs: Validate data, Checks, Lint' });
  });

  it("reads hostile text in one pass: unclosed strings and comments, a million brackets, stages nested past the depth it reads", () => {
    expect(jenkinsfile("stage('a') { sh 'never closed", "J").jobs.get("a")?.commands).toEqual(["never closed"]);
    expect([...jenkinsfile("/* open comment stage('b') { sh 'x' }", "J").jobs.keys()]).toEqual([]);
    const brackets = "{(".repeat(500_000);
    expect(jenkinsfile(brackets, "J").jobs.size).toBe(0);
    const nested = `${"stage('s') { ".repeat(5_000)}sh 'deep'${" }".repeat(5_000)}`;
    const deep = jenkinsfile(nested, "J");
    expect(deep.jobs.get("s")!.commands).toContain("deep");
  });

  it("schedules the pipeline by a cron trigger, and a scripted pipeline without one is not", () => {
    expect(jk("Validate data", { scheduled: true }).result).toBe("ok");
    expect(check(root, { ci: "ci/nightly.Jenkinsfile#Train", runs: "train.py --seed ${SEED}" }).result).toBe("ok");
    expect(check(root, { ci: "ci/nightly.Jenkinsfile#Train", scheduled: true })).toMatchObject({
      result: "broken",
      message: expect.stringContaining("no cron trigger"),
    });
  });
});

describe("template paths", () => {
  it.each([
    ["{{cookiecutter.project_slug}}/.github/workflows/ci.yml", ".github/workflows/ci.yml"],
    ["templates/{{ .input_root_dir }}/src/train.py.tmpl", "src/train.py"],
    [".github/workflows/ci.yml.j2", ".github/workflows/ci.yml"],
    ["src/model.py.jinja", "src/model.py"],
    ["src/model.py", "src/model.py"],
    ["docs/.tmpl", "docs/.tmpl"],
    ["{{x}}.py", "{{x}}.py"],
  ])("reads %s as %s", (path, standsFor) => {
    expect(templatedPath(path)).toBe(standsFor);
  });
});

describe("unsupported CI systems", () => {
  const { root } = project({
    ".buildkite/pipeline.yml": "steps:\n  - command: make test\n",
    ".travis.yml": "language: python\nscript: pytest\n",
    Makefile: "test:\n\tpytest\n",
  });

  it.each([
    [".buildkite/pipeline.yml#test", "Buildkite"],
    [".travis.yml#test", "Travis CI"],
  ])("gives %s an info finding naming %s as not supported", (ci, system) => {
    const found = check(root, { ci });
    expect(found.result).toBe("info");
    expect(found.message).toContain(`${system} is not supported`);
    expect(found.message).toContain("GitHub Actions");
  });

  it("gives an unknown CI file an info finding too", () => {
    expect(check(root, { ci: "Makefile#test" })).toMatchObject({
      result: "info",
      message: expect.stringMatching(/not a CI file mltest understands/),
    });
  });

  it("leaves an automated claim whose only pointers are unsupported CI unverified", () => {
    const result = stateOf(root, { status: "automated", evidence: [{ ci: ".buildkite/pipeline.yml#test" }, { ci: ".travis.yml#test" }] });
    expect(result.state).toBe("unverified");
    expect(result.findings.map((f) => f.result)).toEqual(["info", "info", "unverified"]);
  });

  it("still breaks a pointer to a CI file that does not exist", () => {
    const { root: empty } = project({ "README.md": "" });
    expect(check(empty, { ci: "Jenkinsfile#build" }).result).toBe("broken");
  });
});
