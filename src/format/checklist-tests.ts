// The checklist's sections: each test with its status, owner, evidence (linked when it is a file
// inside the project), problems and next move; or, in the brief form, a line per section and the
// tests that need attention.
import { posix } from "node:path";
import type { NextStep, ReportTest } from "../schema/report.js";
import { BRIEF, fitting, heading, para } from "./checklist-page.js";
import { mdProse as md, mdCode, mdUrl } from "./escape.js";
import { describeStep, num, pointerParts } from "./text.js";
import type { ReportView, SectionView, TestView } from "./view.js";

/** A section per heading, each test an item; `onlyMissing` hides tests already automated. */
export function fullSections(view: ReportView, shown: SectionView[], onlyMissing: boolean, base: string): string[] {
  const out: string[] = [];
  const next = new Map(view.report.nextSteps.map((s) => [s.test, s]));
  for (const { section, claimed: claims, tests: all } of shown) {
    const tests = all.filter((t) => !(onlyMissing && t.counted === "automated"));
    const claimed = claims !== undefined ? ` (claimed ${num(claims)})` : "";
    out.push(heading(`## `, section.title, `: ${num(section.score)} / ${num(section.max)}${claimed}`), "");
    if (tests.length === 0) out.push("Every test in this section is automated.", "");
    for (const test of tests) out.push(...item(test, next.get(test.test.id), base), "");
  }
  return out;
}

/** The brief form: a line per section with its tally of statuses, then the tests that need attention. */
export function briefSections(shown: SectionView[]): string[] {
  const out = ["## Sections", ""];
  for (const { section, claimed: claims, tests } of shown) {
    const counts = new Map<string, number>();
    for (const t of tests) counts.set(t.counted, (counts.get(t.counted) ?? 0) + 1);
    const tally = (["automated", "manual", "none", "not-applicable"] as const)
      .filter((s) => counts.has(s))
      .map((s) => `${counts.get(s)} ${s === "not-applicable" ? "not applicable" : s}`)
      .join(", ");
    const claimed = claims !== undefined ? `, claimed ${num(claims)}` : "";
    out.push(...para(`- ${md(section.title)}: ${num(section.score)} / ${num(section.max)}${claimed} (${tally})`, "  "));
  }
  out.push("");
  const attention = shown.flatMap((s) => s.tests).filter((t) => t.problems.length > 0 || !t.counts);
  if (attention.length > 0) {
    out.push("## Needs attention", "");
    const limit = fitting(attention.length, BRIEF.attention);
    for (const { test } of attention.slice(0, limit))
      out.push(...para(`- **${md(test.id)}** ${md(test.title)}: ${statusWords(test)}`, "  "));
    if (attention.length > limit) out.push(`- ${attention.length - limit} more in the full checklist`);
    out.push("");
  }
  return out;
}

/** A test's status as words: the claim, what mltest could check of it, and what counts. */
export function statusWords(test: ReportTest): string {
  if (test.disabled !== undefined) return `disabled by the rubric: ${md(test.disabled)}`;
  if (test.status === "not-applicable")
    return test.waiver?.expired ? `waiver expired on ${test.waiver.expires}: counts as none` : "not applicable (waived)";
  if (test.status === "none") return "none";
  const state = test.verification?.state;
  if (state === "broken") return `broken (claimed ${test.status}, counts as none)`;
  const counts = test.points < test.claimed ? ", counts as none" : "";
  if (state === "verified") return `verified ${test.status}`;
  return state ? `${test.status}, ${state}${counts}` : `${test.status}${counts}`;
}

function item({ test, problems }: TestView, step: NextStep | undefined, base: string): string[] {
  const facts = [
    `Status: ${statusWords(test)}`,
    `Owner: ${test.owner ? md(test.owner) : "none named"}`,
    `Last verified: ${test.verified ?? "never recorded"}`,
    ...(test.waiver?.approvedBy ? [`Waiver approved by: ${md(test.waiver.approvedBy)}`] : []),
    ...(test.waiver?.expires && !test.waiver.expired ? [`Waiver expires: ${test.waiver.expires}`] : []),
  ];
  const details = [facts.join(" · ")];
  if (test.reason) details.push(`Reason: ${md(test.reason)}`);
  const broken = new Set(test.verification?.findings.filter((f) => f.result === "broken").map((f) => f.pointer));
  for (const pointer of test.evidence) {
    const { kind, target, details: options } = pointerParts(pointer);
    const isBroken = broken.has(`${kind} ${target}`);
    details.push(
      `Evidence: ${kind} ${evidenceLink(kind, target, base, isBroken)}${isBroken ? " (broken)" : ""}${options.length ? ` (${md(options.join(", "))})` : ""}`,
    );
  }
  details.push(...problems.map((problem) => `Problem: ${md(problem)}`));
  if (step) details.push(md(describeStep(step)));
  return [...para(`- **${md(test.id)}** ${md(test.title)}`, "  "), ...details.flatMap((d) => para(`  - ${d}`, "    "))];
}

/**
 * A pointer as a Markdown link: a file inside the project, relative to `base`; an http(s) URL as
 * it is. Anything else (a path that leaves the project, a pattern, a broken pointer, another
 * scheme) is shown as text.
 */
function evidenceLink(kind: string, target: string, base: string, broken: boolean): string {
  if (kind === "url") {
    return !broken && /^https?:\/\/\S/i.test(target) ? `<${target.replace(/[<>\s]/g, encodeURIComponent)}>` : mdCode(target);
  }
  const file = kind === "ci" ? target.split("#")[0]! : target;
  const inside = insideProject(file);
  if (broken || inside === undefined || /[*?[\]{}]/.test(file)) return mdCode(target);
  const path = base === "." ? `./${inside}` : `${base}/${inside}`;
  const href = mdUrl(encodeURI(path).replace(/[#?]/g, encodeURIComponent));
  return `[${md(target)}](${href})`;
}

/** A relative path that stays inside the project, normalized; undefined for any other. */
function insideProject(file: string): string | undefined {
  if (file === "" || /[\\\u0000-\u001F]/.test(file) || file.startsWith("/") || /^[A-Za-z]:/.test(file)) return undefined;
  const normal = posix.normalize(file);
  if (normal === ".." || normal.startsWith("../") || normal.startsWith("/")) return undefined;
  return normal === "." ? undefined : normal.replace(/\/$/, "");
}
