// Checks, before anything is built or published, that a pushed tag can be released from the
// working directory (the release workflow runs it first; test/workflows.test.ts runs it on
// scratch folders):
//   - the tag is "v" + package.json's version, a semantic version;
//   - CHANGELOG.md has a dated section for that version, written to NOTES-FILE as the release notes;
//   - package.json's repository names this GitHub repository (npm refuses provenance otherwise);
//   - pre-commit/ (the hook repository's files) carries the same version and runs that mltest.
// Usage: node .github/release-check.mjs TAG OWNER/NAME NOTES-FILE
// Writes version=, prerelease= and dist-tag= to $GITHUB_OUTPUT (stdout without it); each failed
// check is an ::error line, and the exit code is then 1.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";

const [tag, repository, notesFile] = process.argv.slice(2);
if (!tag || !repository || !notesFile) {
  console.error("usage: node .github/release-check.mjs TAG OWNER/NAME NOTES-FILE");
  process.exit(2);
}

const problems = [];
const fail = (message) => problems.push(message);
const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    fail(`${file}: ${error.code === "ENOENT" ? "missing" : error.message}`);
    return undefined;
  }
};

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const pkg = readJson("package.json") ?? {};
const version = String(pkg.version ?? "");
if (!SEMVER.test(version)) fail(`package.json: version "${version}" is not a semantic version`);
if (tag !== `v${version}`) fail(`the tag ${tag} is not v + package.json's version (v${version})`);

// The release notes: the text under "## [VERSION] - YYYY-MM-DD", up to the next "## " heading.
const escaped = version.replace(/[.+]/g, "\\$&");
const changelog = existsSync("CHANGELOG.md") ? readFileSync("CHANGELOG.md", "utf8") : "";
const section = new RegExp(`^## \\[${escaped}\\] - \\d{4}-\\d{2}-\\d{2}[ \\t]*\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, "m").exec(changelog);
if (!section) fail(`CHANGELOG.md: no "## [${version}] - YYYY-MM-DD" section (rename "Unreleased" to the version and its date)`);
else if (!section[1].trim()) fail(`CHANGELOG.md: the section of ${version} is empty`);
else writeFileSync(notesFile, `${section[1].trim()}\n`);

// npm's provenance check compares repository.url with the repository the workflow ran in.
const declared = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
const normalised = String(declared ?? "")
  .replace(/^git\+/, "")
  .replace(/^github:/, "https://github.com/")
  .replace(/^(?=[\w.-]+\/[\w.-]+$)/, "https://github.com/")
  .replace(/\.git$/, "");
if (normalised.toLowerCase() !== `https://github.com/${repository}`.toLowerCase()) {
  const expected = `git+https://github.com/${repository}.git`;
  fail(`package.json: repository is "${declared ?? ""}", not this repository (${expected}): npm refuses provenance`);
}

// The hook repository is pre-commit/'s files at its root, tagged with the same version.
if (!existsSync("pre-commit/.pre-commit-hooks.yaml")) fail("pre-commit/.pre-commit-hooks.yaml: missing (the release publishes the hooks)");
const hook = readJson("pre-commit/package.json");
if (hook && hook.version !== version) fail(`pre-commit/package.json: version "${hook.version ?? ""}" is not ${version}`);
const runs = hook?.dependencies?.mltest;
if (runs !== undefined && runs !== version) {
  fail(`pre-commit/package.json: the hook depends on mltest "${runs}", not the ${version} it is released with`);
}

// A workflow command's data encodes %, CR and LF.
const encoded = (text) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
for (const message of problems) console.log(`::error title=Release check::${encoded(message)}`);
if (problems.length) process.exit(1);

const prerelease = /^[^+]*-/.test(version);
const outputs = `version=${version}\nprerelease=${prerelease}\ndist-tag=${prerelease ? "next" : "latest"}\n`;
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, outputs);
else process.stdout.write(outputs);
