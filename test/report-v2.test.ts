// Report schemaVersion 2 (issue 19): the report names its source (flags, then the CI system's
// variables, then .git; time from SOURCE_DATE_EPOCH), echoes mltest.yaml's owner, carries each
// test's why and how, and version 1 reports stay readable by diff, --baseline and fleet.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reportSchema } from "../src/schema/report.js";
import { AS_OF, caseFolders, mltest, ROOT } from "./run.js";

const folder = caseFolders("mltest-v2-");
const score = (dir: string, ...more: string[]) => mltest(["score", dir, "--format", "json", "--as-of", AS_OF, ...more], { cwd: dir });

function project(extra = ""): string {
  const dir = folder();
  cpSync(join(ROOT, "examples/fraud-scoring"), dir, { recursive: true });
  if (extra) writeFileSync(join(dir, "mltest.yaml"), `${extra}\n${readFileSync(join(dir, "mltest.yaml"), "utf8")}`);
  return dir;
}

/** A version 1 report, as mltest wrote before source, owner and why/how. */
function asVersion1(text: string): string {
  const r = JSON.parse(text);
  r.schemaVersion = 1;
  delete r.source;
  delete r.project.owner;
  for (const s of r.sections) {
    for (const t of s.tests) {
      delete t.why;
      delete t.how;
    }
  }
  return `${JSON.stringify(r, null, 2)}\n`;
}

describe("report schemaVersion 2", () => {
  it("fills the source from GitHub Actions' variables, with the time from SOURCE_DATE_EPOCH", () => {
    const dir = project();
    const run = mltest(["score", ".", "--format", "json", "--as-of", AS_OF], {
      cwd: dir,
      env: {
        GITHUB_ACTIONS: "true",
        GITHUB_SERVER_URL: "https://github.com",
        GITHUB_REPOSITORY: "acme/fraud",
        GITHUB_SHA: "a".repeat(40),
        GITHUB_REF_NAME: "main",
        GITHUB_RUN_ID: "42",
      },
    });
    const report = reportSchema().parse(JSON.parse(run.stdout));
    expect(report.schemaVersion).toBe(2);
    expect(report.source).toEqual({
      repository: "github.com/acme/fraud",
      commit: "a".repeat(40),
      branch: "main",
      runUrl: "https://github.com/acme/fraud/actions/runs/42",
      generatedAt: `${AS_OF}T00:00:00Z`,
    });
  });

  it("lets --source-* flags win, as the action does for the base run", () => {
    const run = score(
      project(),
      "--source-repository",
      "github.com/acme/base",
      "--source-commit",
      "b".repeat(40),
      "--source-branch",
      "release",
    );
    expect(JSON.parse(run.stdout).source).toMatchObject({ repository: "github.com/acme/base", commit: "b".repeat(40), branch: "release" });
  });

  it("echoes mltest.yaml's owner and carries each test's why and how", () => {
    const report = JSON.parse(score(project("owner: payments-ml")).stdout);
    expect(report.project.owner).toBe("payments-ml");
    const test = report.sections[0].tests[0];
    expect(test.why.length).toBeGreaterThan(80);
    expect(test.how.length).toBeGreaterThan(80);
  });

  it("reads version 1 reports in diff, --baseline and fleet", () => {
    const dir = project();
    const v2 = score(dir).stdout;
    writeFileSync(join(dir, "v1.json"), asVersion1(v2));
    writeFileSync(join(dir, "v2.json"), v2);
    expect(reportSchema().parse(JSON.parse(readFileSync(join(dir, "v1.json"), "utf8"))).schemaVersion).toBe(1);
    const diff = mltest(["diff", "v1.json", "v2.json"], { cwd: dir });
    expect(diff.stderr).toBe("");
    expect(diff.status).toBe(0);
    expect(score(dir, "--baseline", "v1.json").status).toBe(0);
    const fleet = mltest(["fleet", "v1.json", "--format", "json", "--as-of", AS_OF], { cwd: dir });
    expect(JSON.parse(fleet.stdout).skipped).toEqual([]);
  });

  it("names a repository in fleet by its source and project folder, and takes its owner", () => {
    const dir = project("owner: payments-ml");
    writeFileSync(join(dir, "r.json"), score(dir, "--source-repository", "github.com/acme/fraud").stdout);
    const view = JSON.parse(mltest(["fleet", "r.json", "--format", "json", "--as-of", AS_OF], { cwd: dir }).stdout);
    expect(view.rows.map((r: { repository: string; owner: string }) => [r.repository, r.owner])).toEqual([
      ["github.com/acme/fraud", "payments-ml"],
    ]);
  });
});
