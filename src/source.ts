// Where a report comes from: repository, commit, branch, the CI run that made it, and when. Pure:
// flags, the environment, what the project's .git folder says and the clock in; a source block
// out. Flags win, then the CI system's own variables, then .git. Nothing is executed, and a
// credential in a remote URL never reaches a report.
import { readIni } from "./verify/tasks/ini.js";

export interface SourceFlags {
  repository?: string;
  commit?: string;
  branch?: string;
  runUrl?: string;
}

export interface Source {
  repository?: string;
  commit?: string;
  branch?: string;
  runUrl?: string;
  /** ISO 8601, UTC: SOURCE_DATE_EPOCH when set, so that builds and golden files stay fixed. */
  generatedAt: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** What a CI system's variables say, for the systems whose pipelines mltest reads. */
interface CiSystem {
  name: string;
  /** A variable only this system sets. */
  marker: string;
  repository(env: Env): string | undefined;
  commit(env: Env): string | undefined;
  branch(env: Env): string | undefined;
  runUrl(env: Env): string | undefined;
}

const join = (...parts: (string | undefined)[]) => (parts.every((p) => p) ? parts.join("") : undefined);
const host = (url: string | undefined) => (url ? repositoryOf(url)?.split("/")[0] : undefined);

export const CI_SYSTEMS: CiSystem[] = [
  {
    name: "GitHub Actions",
    marker: "GITHUB_ACTIONS",
    repository: (e) => join(host(e.GITHUB_SERVER_URL) ?? "github.com", "/", e.GITHUB_REPOSITORY),
    commit: (e) => e.GITHUB_SHA,
    // A pull request's branch is its head; GITHUB_REF_NAME there is "123/merge".
    branch: (e) => e.GITHUB_HEAD_REF || e.GITHUB_REF_NAME,
    runUrl: (e) => join(e.GITHUB_SERVER_URL, "/", e.GITHUB_REPOSITORY, "/actions/runs/", e.GITHUB_RUN_ID),
  },
  {
    name: "GitLab CI",
    marker: "GITLAB_CI",
    repository: (e) => join(e.CI_SERVER_HOST, "/", e.CI_PROJECT_PATH),
    commit: (e) => e.CI_COMMIT_SHA,
    branch: (e) => e.CI_MERGE_REQUEST_SOURCE_BRANCH_NAME || e.CI_COMMIT_REF_NAME,
    runUrl: (e) => e.CI_PIPELINE_URL,
  },
  {
    name: "Azure Pipelines",
    marker: "TF_BUILD",
    repository: (e) => (e.BUILD_REPOSITORY_URI ? repositoryOf(e.BUILD_REPOSITORY_URI) : e.BUILD_REPOSITORY_NAME),
    commit: (e) => e.BUILD_SOURCEVERSION,
    branch: (e) => e.SYSTEM_PULLREQUEST_SOURCEBRANCH?.replace(/^refs\/heads\//, "") || e.BUILD_SOURCEBRANCHNAME,
    runUrl: (e) => join(e.SYSTEM_COLLECTIONURI, e.SYSTEM_TEAMPROJECT, "/_build/results?buildId=", e.BUILD_BUILDID),
  },
  {
    name: "CircleCI",
    marker: "CIRCLECI",
    repository: (e) => (e.CIRCLE_REPOSITORY_URL ? repositoryOf(e.CIRCLE_REPOSITORY_URL) : undefined),
    commit: (e) => e.CIRCLE_SHA1,
    branch: (e) => e.CIRCLE_BRANCH,
    runUrl: (e) => e.CIRCLE_BUILD_URL,
  },
  {
    name: "Bitbucket Pipelines",
    marker: "BITBUCKET_BUILD_NUMBER",
    repository: (e) => join("bitbucket.org/", e.BITBUCKET_REPO_FULL_NAME),
    commit: (e) => e.BITBUCKET_COMMIT,
    branch: (e) => e.BITBUCKET_BRANCH,
    runUrl: (e) => join("https://bitbucket.org/", e.BITBUCKET_REPO_FULL_NAME, "/pipelines/results/", e.BITBUCKET_BUILD_NUMBER),
  },
  {
    name: "Buildkite",
    marker: "BUILDKITE",
    repository: (e) => (e.BUILDKITE_REPO ? repositoryOf(e.BUILDKITE_REPO) : undefined),
    commit: (e) => e.BUILDKITE_COMMIT,
    branch: (e) => e.BUILDKITE_BRANCH,
    runUrl: (e) => e.BUILDKITE_BUILD_URL,
  },
  {
    name: "Jenkins",
    marker: "JENKINS_URL",
    repository: (e) => (e.GIT_URL ? repositoryOf(e.GIT_URL) : undefined),
    commit: (e) => e.GIT_COMMIT,
    branch: (e) => e.CHANGE_BRANCH || e.BRANCH_NAME || e.GIT_BRANCH?.replace(/^origin\//, ""),
    runUrl: (e) => e.BUILD_URL,
  },
];

/**
 * A remote URL as host/path, without scheme, credentials, port or ".git":
 * git@github.com:acme/fraud.git, https://token@github.com/acme/fraud → github.com/acme/fraud.
 */
export function repositoryOf(url: string): string | undefined {
  const text = url.trim();
  const scp = /^[\w.-]+@([\w.-]+):(?!\/)(.+)$/.exec(text); // git@host:path, scp-like
  let hostName: string;
  let path: string;
  if (scp) [hostName, path] = [scp[1]!, scp[2]!];
  else {
    try {
      const parsed = new URL(text);
      [hostName, path] = [parsed.hostname, decodeURIComponent(parsed.pathname)];
    } catch {
      return undefined;
    }
  }
  const clean = path.replace(/^\/+|\/+$/g, "").replace(/\.git$/, "");
  return hostName && clean ? `${hostName.toLowerCase()}/${clean}` : undefined;
}

/** SOURCE_DATE_EPOCH (whole seconds since the epoch, as reproducible builds define it), else now. */
export function generationTime(env: Env, now: () => number): string {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  const ms = epoch && /^\d{1,12}$/.test(epoch) ? Number(epoch) * 1000 : now();
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function sourceOf(
  flags: SourceFlags,
  env: Env,
  git: { commit?: string; branch?: string; remote?: string },
  now: () => number,
): Source {
  const ci = CI_SYSTEMS.find((s) => env[s.marker]);
  const pick = (flag: string | undefined, fromCi: string | undefined, fromGit: string | undefined) =>
    flag || fromCi || fromGit || undefined;
  const repository = pick(flags.repository, ci?.repository(env), git.remote ? repositoryOf(git.remote) : undefined);
  const commit = pick(flags.commit, ci?.commit(env), git.commit);
  const branch = pick(flags.branch, ci?.branch(env), git.branch);
  const runUrl = pick(flags.runUrl, ci?.runUrl(env), undefined);
  return {
    ...(repository && { repository }),
    ...(commit && { commit }),
    ...(branch && { branch }),
    ...(runUrl && { runUrl: withoutCredentials(runUrl) }),
    generatedAt: generationTime(env, now),
  };
}

/** A URL with any user name and password taken out. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.href;
  } catch {
    return url;
  }
}

/** The origin remote's URL in a .git/config text (git's config is INI: `[remote "origin"]`, `url = …`). */
export function remoteOf(config: string | undefined): string | undefined {
  return config === undefined ? undefined : readIni(config).get('remote "origin"')?.get("url")?.value;
}
