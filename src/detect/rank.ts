// Which of several files that show a practice makes the better pointer: the code and CI that
// run in production first, then tests, then notebooks, examples and docs. A walkthrough
// notebook at the root shows a practice being explained, not being done.
import { isNotebook } from "./notebook.js";
import { isTestFile } from "./pytest-coverage.js";

/** Folders that hold explanations and demonstrations rather than the system itself. */
const TEACHING_FOLDERS = new Set([
  "docs",
  "doc",
  "examples",
  "example",
  "tutorials",
  "tutorial",
  "notebooks",
  "notebook",
  "demo",
  "demos",
  "samples",
  "sample",
  "site",
]);
const TEST_FOLDERS = new Set(["tests", "test", "testing"]);
const DOCUMENTS = /\.(md|markdown|rst|adoc|html?)$/i;

/** 0 for production code and CI, 1 for tests, 2 for notebooks, examples and docs. */
export function rank(file: string): 0 | 1 | 2 {
  const parts = file.toLowerCase().split("/");
  const folders = parts.slice(0, -1);
  if (isNotebook(file) || DOCUMENTS.test(file) || folders.some((f) => TEACHING_FOLDERS.has(f))) return 2;
  if (isTestFile(file) || parts[parts.length - 1] === "conftest.py" || folders.some((f) => TEST_FOLDERS.has(f))) return 1;
  return 0;
}
