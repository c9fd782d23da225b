// Claims and what verification makes of them: a manual or automated claim's state from its
// pointers and dates (verified, unverified, stale, broken, the worst one winning), maximum ages as
// data (rubric, section, test, then the evidence file key by key), and scoring by mode: by default
// broken claims score nothing, under --strict or gate: { strict: true } neither do unverified and
// stale ones; waivers that expire.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProject, scoreProject } from "../src/project.js";
import { evidenceSchema } from "../src/schema/evidence.js";
import { rubricSchema } from "../src/schema/rubric.js";
import { InputError } from "../src/util/errors.js";
import { maxAgeFor } from "../src/verify/verify.js";
import { AS_OF } from "./run.js";
import { builtin, junit, PASS, projects, stateOf, verifyDoc, verifyTests } from "./verify-cases.js";

const project = projects("mltest-verify-claims-");

// ---------------------------------------------------------------------------------------------

describe("claims and states", () => {
  const { root } = project({
    "docs/run.md": "# Manual run\n",
    "tests/test_x.py": "",
    ".github/workflows/ci.yml": "on: [push]\njobs:\n  test:\n    steps:\n      - run: pytest\n",
  });
  const doc = { doc: "docs/run.md" };
  const ci = { ci: ".github/workflows/ci.yml#test" };

  it("verifies a manual claim with a recent verified date and a document", () => {
    const result = stateOf(root, { status: "manual", verified: "2026-10-01", evidence: [doc] });
    expect(result.state).toBe("verified");
    expect(result.findings).toContainEqual({ pointer: "verified 2026-10-01", result: "ok", message: "58 days old" });
  });

  it("leaves a manual claim without a verified date unverified", () => {
    const result = stateOf(root, { status: "manual", evidence: [doc] });
    expect(result.state).toBe("unverified");
    expect(result.findings).toContainEqual(expect.objectContaining({ pointer: "verified", result: "unverified" }));
  });

  it("makes a manual claim with an old verified date stale", () => {
    // 2026-08-29 → 2026-11-28 is 91 days; the built-in rubric allows 90.
    const result = stateOf(root, { status: "manual", verified: "2026-08-29", evidence: [doc] });
    expect(result.state).toBe("stale");
    expect(result.findings).toContainEqual({
      pointer: "verified 2026-08-29",
      result: "stale",
      message: "the manual run is 91 days old; the limit is 90",
    });
    expect(stateOf(root, { status: "manual", verified: "2026-08-30", evidence: [doc] }).state).toBe("verified"); // exactly 90
  });

  it("leaves a manual claim with only a URL unverified", () => {
    const result = stateOf(root, { status: "manual", verified: "2026-11-01", evidence: [{ url: "https://wiki.example.com/run" }] });
    expect(result.state).toBe("unverified");
    expect(result.findings[0]).toEqual({
      pointer: "url https://wiki.example.com/run",
      result: "info",
      message: "shown in reports, never fetched",
    });
  });

  it("leaves an automated claim with only path and doc pointers unverified", () => {
    const result = stateOf(root, { status: "automated", evidence: [{ path: "tests/test_x.py" }, doc] });
    expect(result.state).toBe("unverified");
    expect(result.findings.at(-1)).toMatchObject({ pointer: "evidence", result: "unverified" });
    expect(stateOf(root, { status: "automated" }).state).toBe("unverified");
  });

  it("breaks a claim with any broken pointer, even beside verified ones", () => {
    expect(stateOf(root, { status: "automated", evidence: [ci, { path: "tests/test_x.py" }, { path: "tests/gone.py" }] }).state).toBe(
      "broken",
    );
    expect(stateOf(root, { status: "manual", verified: "2026-11-01", evidence: [doc, { doc: "docs/gone.md" }] }).state).toBe("broken");
    // broken beats stale
    expect(stateOf(root, { status: "manual", verified: "2020-01-01", evidence: [{ doc: "docs/gone.md" }] }).state).toBe("broken");
  });

  it("lets stale beat unverified", () => {
    expect(stateOf(root, { status: "manual", verified: "2020-01-01", evidence: [{ url: "https://example.com" }] }).state).toBe("stale");
  });

  it("does not let URLs downgrade a verified claim", () => {
    expect(stateOf(root, { status: "automated", evidence: [ci, { url: "https://grafana.example.com/d/x" }] }).state).toBe("verified");
    expect(stateOf(root, { status: "manual", verified: "2026-11-01", evidence: [{ url: "https://a.example.com" }, doc] }).state).toBe(
      "verified",
    );
  });

  it("gives none and not-applicable tests no verification", () => {
    const result = verifyTests(root, {
      "data-1": { status: "none", evidence: [{ path: "tests/gone.py" }] },
      "data-2": { status: "not-applicable", reason: "no features", evidence: [{ doc: "docs/gone.md" }] },
      "data-3": { status: "automated", evidence: [ci] },
    });
    expect([...result.keys()]).toEqual(["data-3"]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("maximum ages as data", () => {
  const t = (id: string, maxAgeDays?: Record<string, number>) => ({
    id,
    title: id,
    why: "why",
    how: "how",
    manual: "manual",
    automated: "automated",
    ...(maxAgeDays && { maxAgeDays }),
  });
  const rubric = rubricSchema().parse({
    id: "ages",
    title: "Ages",
    version: 1,
    scoring: { points: { none: 0, manual: 0.5, automated: 1 }, bands: [{ max: 2, label: "all" }] },
    maxAgeDays: { verified: 100, report: 50 },
    sections: [
      { id: "a", title: "A", maxAgeDays: { report: 20 }, tests: [t("a-1"), t("a-2", { verified: 10 })] },
      { id: "b", title: "B", tests: [t("b-1")] },
    ],
  });
  const [a, b] = [rubric.sections[0]!, rubric.sections[1]!];
  const ev = (doc: Record<string, unknown>) => evidenceSchema().parse({ tests: {}, ...doc });

  it("layers rubric, section and test", () => {
    expect(maxAgeFor(rubric, b, b.tests[0]!, ev({}))).toEqual({ verified: 100, report: 50 });
    expect(maxAgeFor(rubric, a, a.tests[0]!, ev({}))).toEqual({ verified: 100, report: 20 });
    expect(maxAgeFor(rubric, a, a.tests[1]!, ev({}))).toEqual({ verified: 10, report: 20 });
  });

  it("lets the evidence file override key by key, its per-test setting last", () => {
    const evidence = ev({
      maxAgeDays: { report: 5 },
      tests: { "a-2": { status: "manual", maxAgeDays: { verified: 3 } }, "b-1": { status: "manual", maxAgeDays: { report: 60 } } },
    });
    expect(maxAgeFor(rubric, a, a.tests[0]!, evidence)).toEqual({ verified: 100, report: 5 });
    expect(maxAgeFor(rubric, a, a.tests[1]!, evidence)).toEqual({ verified: 3, report: 5 });
    expect(maxAgeFor(rubric, b, b.tests[0]!, evidence)).toEqual({ verified: 100, report: 60 });
  });

  it("gives the built-in rubric's monitor section 7 days for reports", () => {
    const monitor = builtin.sections.find((s) => s.id === "monitor")!;
    const data = builtin.sections.find((s) => s.id === "data")!;
    expect(maxAgeFor(builtin, monitor, monitor.tests[1]!, ev({}))).toEqual({ verified: 90, report: 7 });
    expect(maxAgeFor(builtin, data, data.tests[0]!, ev({}))).toEqual({ verified: 90, report: 30 });
  });

  describe("applied to a 10-day-old report", () => {
    const { root } = project({ "r.xml": junit(PASS, ' timestamp="2026-11-18T00:00:00"') }); // 10 days before AS_OF
    const claim = (extra: Record<string, unknown> = {}) => ({ status: "automated", evidence: [{ report: "r.xml" }], ...extra });

    it("is current for data (30 days) and stale for monitor (7 days)", () => {
      const result = verifyDoc(root, { tests: { "data-1": claim(), "monitor-2": claim() } });
      expect(result.get("data-1")!.state).toBe("verified");
      expect(result.get("monitor-2")!.state).toBe("stale");
      expect(result.get("monitor-2")!.findings[0]!.message).toBe("the report is 10 days old; the limit is 7");
    });

    it("follows the evidence file's top level, then its per-test override", () => {
      const result = verifyDoc(root, {
        maxAgeDays: { report: 5 },
        tests: {
          "data-1": claim(),
          "monitor-2": claim({ maxAgeDays: { report: 14 } }),
          "data-2": claim({ maxAgeDays: { verified: 400 } }),
        },
      });
      expect(result.get("data-1")!.findings[0]!.message).toBe("the report is 10 days old; the limit is 5");
      expect(result.get("monitor-2")!.state).toBe("verified");
      expect(result.get("data-2")!.state).toBe("stale"); // the per-test override sets verified only
    });

    it("follows a test-level rubric setting", () => {
      const custom = rubricSchema().parse({
        ...rubric,
        sections: [{ ...rubric.sections[0], tests: [t("a-1", { report: 12 }), t("a-2", { report: 9 })] }, rubric.sections[1]],
      });
      const result = verifyDoc(root, { tests: { "a-1": claim(), "a-2": claim(), "b-1": claim() } }, custom);
      expect(result.get("a-1")!.state).toBe("verified");
      expect(result.get("a-2")!.state).toBe("stale");
      expect(result.get("b-1")!.state).toBe("verified"); // 50 days
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe("scoring by mode", () => {
  const workflow = "on: [push]\njobs:\n  test:\n    steps:\n      - run: pytest tests\n";
  const verifiedElsewhere = Object.fromEntries(
    builtin.sections
      .filter((s) => s.id !== "data")
      .flatMap((s) => s.tests.map((t) => [t.id, { status: "automated", evidence: [{ ci: ".github/workflows/ci.yml#test" }] }] as const)),
  );
  const claimsOfData = {
    "data-1": { status: "automated", evidence: [{ ci: ".github/workflows/ci.yml#test", runs: "pytest" }] }, // verified
    "data-2": { status: "automated", evidence: [{ path: "tests" }] }, // unverified
    "data-3": { status: "manual", verified: "2026-01-01", evidence: [{ doc: "docs/run.md" }] }, // stale (331 days > 90)
    "data-4": { status: "automated", evidence: [{ ci: ".github/workflows/ci.yml#gone" }] }, // broken
    "data-5": { status: "not-applicable", reason: "no personal data", approvedBy: "privacy", expires: AS_OF }, // expired today
    "data-6": { status: "not-applicable", reason: "no infra cost", approvedBy: "platform", expires: "2026-11-29" }, // holds
  };
  const { root } = project({
    "mltest.yaml": JSON.stringify({ project: "modes", tests: { ...claimsOfData, ...verifiedElsewhere } }), // JSON is YAML
    "strict.yaml": JSON.stringify({ project: "modes", gate: { strict: true }, tests: { ...claimsOfData, ...verifiedElsewhere } }),
    ".github/workflows/ci.yml": workflow,
    "docs/run.md": "# run\n",
    "tests/test_a.py": "",
  });
  const score = (options: { strict?: boolean; evidence?: string } = {}) =>
    scoreProject(loadProject(root, options.evidence ? { evidence: join(root, options.evidence) } : {}), {
      asOf: AS_OF,
      thresholds: {},
      ...(options.strict !== undefined && { strict: options.strict }),
    });
  const testOf = (report: ReturnType<typeof score>, id: string) => report.sections.flatMap((s) => s.tests).find((t) => t.id === id)!;

  it("by default keeps unverified and stale points and zeroes broken ones", () => {
    const report = score();
    expect(report.mode).toBe("default");
    const data = report.sections[0]!;
    expect(data.tests.map((t) => [t.id, t.verification?.state ?? "-", t.points, t.claimed])).toEqual([
      ["data-1", "verified", 1, 1],
      ["data-2", "unverified", 1, 1],
      ["data-3", "stale", 0.5, 0.5],
      ["data-4", "broken", 0, 1],
      ["data-5", "-", 0, 0],
      ["data-6", "-", 0, 0],
      ["data-7", "-", 0, 0],
    ]);
    // Counted: data-6 alone is not-applicable (data-5's waiver expired, so it counts as none):
    // 1 + 1 + 0.5 + 0 + 0 + 0 = 2.5 over 6 applicable tests → 7 × 2.5 / 6 = 2.9166… → 2.92.
    expect(data.score).toBe(2.92);
    // Claimed: data-5 and data-6 are not-applicable; data-4 counts 1:
    // 1 + 1 + 0.5 + 1 + 0 = 3.5 over 5 → 7 × 3.5 / 5 = 4.9.
    expect(data.claimed).toBe(4.9);
    expect(report.sections.slice(1).map((s) => [s.score, s.claimed])).toEqual([
      [7, 7],
      [7, 7],
      [7, 7],
    ]);
    // Without waivers: data-6 counts as none too: 2.5 over 7 → 2.5. Final = min over sections.
    expect(report.final).toMatchObject({ score: 2.92, claimed: 4.9, withoutWaivers: 2.5, max: 7, weakest: ["data"] });
    expect(report.final.band.label).toBe("Solid, partly manual");
  });

  it("marks the expired waiver (expires ≤ as-of) and keeps the one still running", () => {
    const report = score();
    expect(testOf(report, "data-5").waiver).toEqual({ approvedBy: "privacy", expires: AS_OF, expired: true });
    expect(testOf(report, "data-6").waiver).toEqual({ approvedBy: "platform", expires: "2026-11-29", expired: false });
    expect(testOf(report, "data-5").status).toBe("not-applicable");
  });

  it("in strict mode (--strict) zeroes unverified and stale claims", () => {
    const report = score({ strict: true });
    expect(report.mode).toBe("strict");
    expect(report.sections[0]!.tests.slice(0, 4).map((t) => t.points)).toEqual([1, 0, 0, 0]);
    // Counted: only data-1 → 7 × 1 / 6 = 1.1666… → 1.17; claimed is unchanged (4.9);
    // without waivers: 1 over 7 → 1.
    expect(report.final).toMatchObject({ score: 1.17, claimed: 4.9, withoutWaivers: 1 });
    expect(report.final.band.label).toBe("First production pass");
  });

  it("in strict mode from gate: { strict: true } in the file", () => {
    const report = score({ evidence: "strict.yaml" });
    expect(report.mode).toBe("strict");
    expect(report.final.score).toBe(1.17);
    expect(score({ evidence: "strict.yaml", strict: false }).mode).toBe("strict"); // the file's gate still holds
  });

  it("lists a fix-evidence step first, for the broken claim", () => {
    const steps = score().nextSteps;
    expect(steps[0]).toMatchObject({ section: "data", test: "data-4", kind: "fix-evidence", from: "none", to: "automated", gain: 1.17 });
    expect(steps[0]!.action).toMatch(/^Fix the evidence \(broken\): ci \.github\/workflows\/ci\.yml#gone: no job "gone"/);
    expect(steps.filter((s) => s.kind === "fix-evidence").map((s) => s.test)).toEqual(["data-4"]);
    // Strict: the unverified and stale claims need their proof fixed too, before any raise.
    const strict = score({ strict: true }).nextSteps;
    expect(strict.slice(0, 3).map((s) => [s.test, s.kind, s.gain])).toEqual([
      ["data-2", "fix-evidence", 1.17],
      ["data-3", "fix-evidence", 0.58],
      ["data-4", "fix-evidence", 1.17],
    ]);
    expect(strict[3]!.kind).toBe("raise");
  });

  it("rejects approvedBy or expires on a test that is not a waiver", () => {
    const { root: bad } = project({
      "mltest.yaml": JSON.stringify({ tests: { "data-1": { status: "automated", approvedBy: "me", expires: "2027-01-01" } } }),
    });
    let error: unknown;
    try {
      loadProject(bad);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    const messages = (error as InputError).problems.map((p) => p.message);
    expect(messages).toContain('"approvedBy" belongs to a not-applicable waiver; this test\'s status is automated');
    expect(messages).toContain('"expires" belongs to a not-applicable waiver; this test\'s status is automated');
  });
});
