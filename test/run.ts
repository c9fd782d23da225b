// Runs the built CLI the way a user or CI does: a separate process, no TTY, no colour.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

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
