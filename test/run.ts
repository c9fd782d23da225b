// Runs the built CLI the way a user or CI does: a separate process, no TTY, no colour.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";

export const ROOT = join(import.meta.dirname, "..");
export const BIN = join(ROOT, "dist/mltest.cjs");
/** The date every golden file is rendered with. */
export const AS_OF = "2026-11-28";

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function mltest(...args: string[]): Run {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" (npm test does it first)`);
  const { NO_COLOR: _, FORCE_COLOR: __, ...env } = process.env;
  // As a user runs it: the executable itself, whose shell head starts Node from the snapshot.
  const result = spawnSync(BIN, args, { cwd: ROOT, env, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Fresh case folders for one test file: each call makes a new folder holding `files` (relative
 * paths; parents are created) under one scratch folder, which goes when the file's tests are done.
 */
export function caseFolders(prefix: string): ((files?: Record<string, string | Uint8Array>) => string) & { root: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let counter = 0;
  const make = (files: Record<string, string | Uint8Array> = {}) => {
    const dir = join(root, `case-${++counter}`);
    mkdirSync(dir, { recursive: true });
    for (const [rel, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), content);
    }
    return dir;
  };
  return Object.assign(make, { root });
}
