// Where a report comes from (src/source.ts): flags over the CI system's variables over .git, the
// remote named without credentials, and the generation time fixed by SOURCE_DATE_EPOCH.
import { describe, expect, it } from "vitest";
import { CI_SYSTEMS, generationTime, remoteOf, repositoryOf, sourceOf } from "../src/source.js";

const NOW = () => Date.UTC(2026, 11, 2, 12, 30, 45, 123);

describe("repositoryOf", () => {
  it.each([
    ["git@github.com:acme/fraud.git", "github.com/acme/fraud"],
    ["https://github.com/acme/fraud.git", "github.com/acme/fraud"],
    ["https://x-access-token:ghs_secret@github.com/acme/fraud", "github.com/acme/fraud"],
    ["ssh://git@gitlab.example.com:2222/group/sub/model.git", "gitlab.example.com/group/sub/model"],
    ["https://dev.azure.com/org/project/_git/repo", "dev.azure.com/org/project/_git/repo"],
  ])("%s → %s", (url, expected) => {
    expect(repositoryOf(url)).toBe(expected);
  });

  it("gives nothing for text that is not a remote", () => {
    expect(repositoryOf("not a url")).toBeUndefined();
    expect(repositoryOf("")).toBeUndefined();
  });
});

describe("generationTime", () => {
  it("honours SOURCE_DATE_EPOCH, so golden files stay fixed", () => {
    expect(generationTime({ SOURCE_DATE_EPOCH: "1764633600" }, NOW)).toBe("2025-12-02T00:00:00Z");
  });
  it("uses the clock otherwise, in whole seconds, and ignores an epoch that is not a number", () => {
    expect(generationTime({}, NOW)).toBe("2026-12-02T12:30:45Z");
    expect(generationTime({ SOURCE_DATE_EPOCH: "yesterday" }, NOW)).toBe("2026-12-02T12:30:45Z");
  });
});

describe("sourceOf", () => {
  const git = { commit: "a".repeat(40), branch: "main", remote: "git@github.com:acme/fraud.git" };

  it("reads a GitHub Actions pull request: the head branch, not 123/merge, and the run's URL", () => {
    const env = {
      GITHUB_ACTIONS: "true",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_REPOSITORY: "acme/fraud",
      GITHUB_SHA: "b".repeat(40),
      GITHUB_REF_NAME: "123/merge",
      GITHUB_HEAD_REF: "feature/drift",
      GITHUB_RUN_ID: "987",
      SOURCE_DATE_EPOCH: "0",
    };
    expect(sourceOf({}, env, git, NOW)).toEqual({
      repository: "github.com/acme/fraud",
      commit: "b".repeat(40),
      branch: "feature/drift",
      runUrl: "https://github.com/acme/fraud/actions/runs/987",
      generatedAt: "1970-01-01T00:00:00Z",
    });
  });

  it("reads GitLab CI's variables", () => {
    const env = {
      GITLAB_CI: "true",
      CI_SERVER_HOST: "gitlab.example.com",
      CI_PROJECT_PATH: "ml/churn",
      CI_COMMIT_SHA: "c".repeat(40),
      CI_COMMIT_REF_NAME: "main",
      CI_PIPELINE_URL: "https://gitlab.example.com/ml/churn/-/pipelines/55",
    };
    expect(sourceOf({}, env, {}, NOW)).toMatchObject({
      repository: "gitlab.example.com/ml/churn",
      branch: "main",
      runUrl: "https://gitlab.example.com/ml/churn/-/pipelines/55",
    });
  });

  it("lets flags win over CI variables, and CI variables over .git", () => {
    const env = { GITLAB_CI: "true", CI_SERVER_HOST: "gitlab.example.com", CI_PROJECT_PATH: "ml/churn", CI_COMMIT_SHA: "c".repeat(40) };
    const source = sourceOf({ repository: "acme/base", commit: "d".repeat(40) }, env, git, NOW);
    expect(source).toMatchObject({ repository: "acme/base", commit: "d".repeat(40), branch: "main" });
  });

  it("falls back to .git outside CI, with the remote named without its credentials", () => {
    const source = sourceOf({}, {}, { ...git, remote: "https://user:s3cret@github.com/acme/fraud.git" }, NOW);
    expect(source).toEqual({
      repository: "github.com/acme/fraud",
      commit: "a".repeat(40),
      branch: "main",
      generatedAt: "2026-12-02T12:30:45Z",
    });
    expect(JSON.stringify(source)).not.toContain("s3cret");
  });

  it("takes credentials out of a run URL given by a flag", () => {
    expect(sourceOf({ runUrl: "https://bot:token@ci.example.com/run/1" }, {}, {}, NOW).runUrl).toBe("https://ci.example.com/run/1");
  });

  it("knows every CI system by a variable no other sets", () => {
    const markers = CI_SYSTEMS.map((s) => s.marker);
    expect(new Set(markers).size).toBe(markers.length);
  });
});

describe("remoteOf", () => {
  it("reads the origin remote from .git/config", () => {
    const config =
      '[core]\n\trepositoryformatversion = 0\n[remote "origin"]\n\turl = git@github.com:acme/fraud.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch "main"]\n\tremote = origin\n';
    expect(remoteOf(config)).toBe("git@github.com:acme/fraud.git");
    expect(remoteOf("[core]\n\tbare = false\n")).toBeUndefined();
    expect(remoteOf(undefined)).toBeUndefined();
  });
});
