// mltest as a release packs it: `npm pack` of the built dist/, for the tests that install the
// package the way users do.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./run.js";

export const npm = process.platform === "win32" ? "npm.cmd" : "npm";

export interface Packed {
  /** The tarball's absolute path. */
  tarball: string;
  /** The paths the tarball holds, sorted. */
  files: string[];
}

/** Packs the repository into `destination`. dist/ must be built (`npm test` builds it first): it is packed as it is. */
export function packMltest(destination: string): Packed {
  const out = execFileSync(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", destination], { cwd: ROOT, encoding: "utf8" });
  const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(destination, packed!.filename), files: packed!.files.map((f) => f.path).sort() };
}
