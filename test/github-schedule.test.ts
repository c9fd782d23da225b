// `scheduled: true` against a GitHub job's own `if:`, read in three-valued logic: a job its if:
// keeps off the schedule is broken, one it cannot decide is unverified (issue 16: "false verified").

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRubric } from "../src/load/rubric.js";
import { evidenceSchema } from "../src/schema/evidence.js";
import { runsOnScheduleEvent } from "../src/verify/ci/github-if.js";
import { ProjectFiles } from "../src/verify/files.js";
import { type Verification, verify } from "../src/verify/verify.js";
import { caseFolders, ROOT } from "./run.js";

const project = caseFolders("mltest-schedule-");
const RUBRIC = loadRubric(join(ROOT, "rubrics/ml-test-score-2017.yaml")).rubric;
const AS_OF = "2026-11-28";

function claim(dir: string, test: Record<string, unknown>): Verification {
  const evidence = evidenceSchema().parse({ tests: { "data-1": test } });
  return verify({ rubric: RUBRIC, evidence, files: new ProjectFiles(dir), asOf: AS_OF }).get("data-1")!;
}

describe("a GitHub job's if: on a scheduled event", () => {
  it.each([
    ["github.event_name != 'schedule'", false],
    ["${{ github.event_name == 'push' }}", false],
    ["github.event_name == 'SCHEDULE'", true],
    ["github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'", true],
    ["success() && github.event_name != 'pull_request'", true],
    ["!cancelled() && (github.event_name == 'schedule' || inputs.force)", true],
    ["always()", true],
    ["failure()", false],
    ["github.ref == 'refs/heads/main'", undefined],
    ["github.event_name == 'schedule' && github.repository_owner == 'acme'", undefined],
    ["contains(github.event.head_commit.message, '[nightly]')", undefined],
    ["github.event_name == 'schedule' && !contains(github.ref, 'dependabot')", undefined],
    ["github.event_name ==", undefined],
    ["'unterminated", undefined],
    ["((((github.event_name == 'schedule'))))", true],
  ] as const)("%s → %s", (condition, expected) => {
    expect(runsOnScheduleEvent(condition)).toBe(expected);
  });

  it("knows github.event.schedule is one of the workflow's crons", () => {
    const crons = ["0 3 * * *", "30 5 * * 1-5"];
    expect(runsOnScheduleEvent("github.event.schedule == '30 5 * * 1-5'", crons)).toBe(true);
    expect(runsOnScheduleEvent("github.event.schedule != '30 5 * * 1-5'", crons)).toBe(true);
    expect(runsOnScheduleEvent("github.event.schedule == '0 9 * * *'", crons)).toBe(false);
    expect(runsOnScheduleEvent("github.event.schedule != '0 3 * * *'", ["0 3 * * *"])).toBe(false);
  });

  it("reads a hostile expression in bounded time", () => {
    const start = performance.now();
    expect(runsOnScheduleEvent(`${"(".repeat(3000)}true${")".repeat(3000)}`)).toBeUndefined();
    expect(runsOnScheduleEvent(`${"a && ".repeat(800)}true`)).toBeUndefined();
    expect(performance.now() - start).toBeLessThan(1_000);
  });

  const workflow = (condition: string) =>
    `on:\n  push:\n  schedule:\n    - cron: "0 3 * * *"\njobs:\n  nightly:\n    if: ${condition}\n    runs-on: ubuntu-latest\n    steps:\n      - run: great_expectations checkpoint run raw\n`;

  it("a job its if: keeps off the schedule is broken for scheduled: true; one it cannot decide is unverified, quoted", () => {
    const excluded = project({ ".github/workflows/nightly.yml": workflow("github.event_name != 'schedule'") });
    const broken = claim(excluded, { status: "automated", evidence: [{ ci: ".github/workflows/nightly.yml#nightly", scheduled: true }] });
    expect(broken.state).toBe("broken");
    expect(broken.findings[0]!.message).toBe(
      `the workflow has a schedule, but the job's if: "github.event_name != 'schedule'" keeps it from running on it`,
    );

    const undecided = project({ ".github/workflows/nightly.yml": workflow("github.ref == 'refs/heads/main'") });
    const unverified = claim(undecided, {
      status: "automated",
      evidence: [{ ci: ".github/workflows/nightly.yml#nightly", scheduled: true }],
    });
    expect(unverified.state).toBe("unverified");
    expect(unverified.findings[0]!.message).toContain(`"github.ref == 'refs/heads/main'"`);

    const kept = project({ ".github/workflows/nightly.yml": workflow("github.event_name == 'schedule'") });
    expect(claim(kept, { status: "automated", evidence: [{ ci: ".github/workflows/nightly.yml#nightly", scheduled: true }] }).state).toBe(
      "verified",
    );
  });
});
