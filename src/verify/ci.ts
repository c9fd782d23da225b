// CI files read as data: which jobs exist, what they run, whether they run on a schedule.
// GitHub Actions (ci/github.ts), GitLab CI (ci/gitlab.ts), Jenkins (ci/jenkinsfile.ts), and the
// one-file YAML systems of ci/yaml-systems.ts are understood; anything else is named as
// unsupported. This file says which reader a file gets. Nothing found here is ever executed.

import { databricks } from "./ci/databricks.js";
import { dependabot } from "./ci/dependabot.js";
import { github } from "./ci/github.js";
import { gitlab } from "./ci/gitlab.js";
import { jenkinsfile } from "./ci/jenkinsfile.js";
import { loadCiYaml, MAX_CI_BYTES } from "./ci/read-yaml.js";
import { azure, bitbucket, circleci, cloudBuild, codeBuild, type Pipeline } from "./ci/yaml-systems.js";
import type { ProjectReader } from "./files.js";
import { templatedPath } from "./template-path.js";

export interface CiJob {
  /** Everything the job runs: shell lines, and actions or templates it uses. */
  commands: string[];
  scheduled: boolean;
  /** The file the job is defined in (a GitLab job may come from an included file). */
  source: string;
  /** The folder each command runs in, by its index in `commands`, where the file sets one (GitHub's working-directory). */
  workingDirectories?: (string | undefined)[];
  /** Why a job of a scheduled workflow does not count as scheduled, or may not: its `if:`, quoted. */
  schedule?: { excludedBy: string } | { undecidedBy: string };
  /** Set when the job runs only when a person (or something outside the repository) starts it, saying how; reports say so. */
  manualOnly?: string;
}

export type CiFile =
  | {
      ok: true;
      system: string;
      jobs: Map<string, CiJob>;
      notes: string[];
      /** Set where the system keeps schedules outside the repository: `scheduled: true` cannot be checked. */
      schedulesElsewhere?: string;
    }
  | { ok: false; reason: string; unsupported?: boolean };

/** The systems whose pipeline is one YAML file, by where that file is. */
const ONE_FILE_SYSTEMS: { system: string; path: RegExp; read: (doc: Record<string, unknown>, source: string) => Pipeline }[] = [
  { system: "CircleCI", path: /(^|\/)\.circleci\/config\.ya?ml$/, read: circleci },
  { system: "Bitbucket Pipelines", path: /(^|\/)bitbucket-pipelines\.ya?ml$/, read: bitbucket },
  { system: "Azure Pipelines", path: /(^|\/)azure-pipelines\.ya?ml$|^\.azure-pipelines\/[^/]+\.ya?ml$/, read: azure },
  { system: "Google Cloud Build", path: /(^|\/)cloudbuild[^/]*\.ya?ml$/, read: cloudBuild },
  { system: "AWS CodeBuild", path: /(^|\/)buildspec[^/]*\.ya?ml$/, read: codeBuild },
  // A bundle's root file, and the resources files it includes (resources/*.yml, the templates' layout).
  { system: "Databricks asset bundle", path: /(^|\/)databricks\.ya?ml$|(^|\/)resources\/[^/]+\.ya?ml$/, read: databricks },
  // Not CI, but the same kind of proof: updates GitHub runs on a schedule the repository sets.
  { system: "Dependabot", path: /^\.github\/dependabot\.ya?ml$/, read: dependabot },
];

/** Jenkins pipelines: Groovy, read by ci/jenkinsfile.ts. */
const JENKINSFILE = /(^|\/)(Jenkinsfile(\.[^/]+)?|[^/]+\.[Jj]enkinsfile)$/;

const UNSUPPORTED: [RegExp, string][] = [
  [/(^|\/)\.travis\.ya?ml$/, "Travis CI"],
  [/(^|\/)\.buildkite\//, "Buildkite"],
  [/(^|\/)\.drone\.ya?ml$/, "Drone"],
];

/** The CI files `mltest detect` reads: GitHub workflows, the GitLab pipeline at the root, and the one-file systems. */
export function isCiFile(file: string): boolean {
  const rel = templatedPath(file);
  return (
    /^\.github\/workflows\/[^/]+\.ya?ml$/.test(rel) ||
    /^\.gitlab-ci\.ya?ml$/.test(rel) ||
    JENKINSFILE.test(rel) ||
    ONE_FILE_SYSTEMS.some((s) => s.path.test(rel))
  );
}

export function readCi(files: ProjectReader, path: string): CiFile {
  const rel = path.replace(/\\/g, "/").replace(/^\.\//, "");
  // A template's CI file is read as the file it stands for (template-path.ts).
  const as = templatedPath(rel);
  if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(as)) return github(files, rel);
  if (/(^|\/)\.gitlab-ci\.ya?ml$/.test(as)) return gitlab(files, rel);
  if (JENKINSFILE.test(as)) {
    const read = files.read(rel, MAX_CI_BYTES);
    if (!read.ok) return read;
    return { ok: true, system: "Jenkins", ...jenkinsfile(read.text, rel) };
  }
  const oneFile = ONE_FILE_SYSTEMS.find((s) => s.path.test(as));
  if (oneFile) {
    const loaded = loadCiYaml(files, rel);
    if (!loaded.ok) return loaded;
    return { ok: true, system: oneFile.system, ...oneFile.read(loaded.doc, rel) };
  }
  const system = UNSUPPORTED.find(([pattern]) => pattern.test(as))?.[1];
  const supported =
    "mltest verifies GitHub Actions workflows (.github/workflows/*.yml), GitLab CI (.gitlab-ci.yml), Jenkins (Jenkinsfile), CircleCI (.circleci/config.yml), " +
    "Bitbucket Pipelines (bitbucket-pipelines.yml), Azure Pipelines (azure-pipelines.yml), Google Cloud Build (cloudbuild.yaml), " +
    "AWS CodeBuild (buildspec.yml), Databricks asset bundle jobs (databricks.yml, resources/*.yml) and Dependabot's updates (.github/dependabot.yml)";
  return {
    ok: false,
    unsupported: true,
    reason: system ? `${system} is not supported; ${supported}` : `${rel} is not a CI file mltest understands; ${supported}`,
  };
}
