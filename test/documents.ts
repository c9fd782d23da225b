// The documents a reader is pointed to: the README (a newcomer's page), CONTRIBUTING.md and the
// reference in docs/. docs/rubric.md is left out: it is generated (golden.test.ts holds it).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./run.js";

export const GENERATED = ["docs/rubric.md"];

export const DOCUMENTS = [
  "README.md",
  "CONTRIBUTING.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`)
    .filter((file) => !GENERATED.includes(file)),
];
