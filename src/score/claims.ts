// What counts of what the evidence file claims. Pure: claims and verification states in, the
// status each test is scored with out.
//   broken                      counts as none, in every mode
//   unverified, stale           keep their points by default; count as none in strict mode
//   not-applicable, expired     counts as none (a waiver ends on its `expires` date)
// Three views are scored: what counts, what the file claims, and what counts if no waiver held.
import type { TestEvidence } from "../schema/evidence.js";
import type { Verification, VerificationState } from "../schema/report.js";
import type { Status } from "../schema/rubric.js";
import type { StatusOf } from "./score.js";

export interface ClaimsInput {
  claimOf(testId: string): TestEvidence | undefined;
  verification: ReadonlyMap<string, Verification>;
  asOf: string;
  strict: boolean;
}

export interface Claims {
  claimed: StatusOf;
  counted: StatusOf;
  withoutWaivers: StatusOf;
  /** Why a claim does not count in full, for tests whose counted status is below the claim. */
  shortfall(testId: string): string | undefined;
}

export function waiverExpired(claim: TestEvidence | undefined, asOf: string): boolean {
  return claim?.status === "not-applicable" && claim.expires !== undefined && claim.expires <= asOf;
}

export function claims({ claimOf, verification, asOf, strict }: ClaimsInput): Claims {
  const claimed: StatusOf = (id) => claimOf(id)?.status ?? "none";
  const doesNotCount = (state: VerificationState | undefined) =>
    state === "broken" || (strict && (state === "unverified" || state === "stale"));
  const counted: StatusOf = (id): Status => {
    const claim = claimOf(id);
    if (waiverExpired(claim, asOf)) return "none";
    return doesNotCount(verification.get(id)?.state) ? "none" : claimed(id);
  };
  return {
    claimed,
    counted,
    withoutWaivers: (id) => (counted(id) === "not-applicable" ? "none" : counted(id)),
    shortfall(id) {
      const claim = claimOf(id);
      if (waiverExpired(claim, asOf)) return `the not-applicable waiver expired on ${claim!.expires}; renew it or do the test`;
      const checked = verification.get(id);
      if (!checked || !doesNotCount(checked.state)) return undefined;
      const reason = checked.findings.find((f) => f.result === checked.state) ?? checked.findings.find((f) => f.result !== "ok");
      return `Fix the evidence (${checked.state}): ${reason ? `${reason.pointer}: ${reason.message}` : "see the findings"}`;
    },
  };
}
