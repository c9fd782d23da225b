// The `mltest` executable. It runs the bundled CLI (core.cjs) from V8's code cache, written by
// the build after a warm-up run, so a cold start skips compiling the parsers it is about to use.
// V8 checks the cache against the source and its own version and flags; when the cache does not
// fit (or is missing) it is ignored and the code compiles as usual.
import { readFileSync } from "node:fs";
import Module from "node:module";
import { join } from "node:path";
import { Script } from "node:vm";

export const CORE = "core.cjs";
export const CODE_CACHE = "core.cache";

export interface Core {
  main(argv: string[]): Promise<number>;
}

/** Loads core.cjs from `dir`, with the code cache when there is one. */
export function loadCore(dir: string): { core: Core; script: Script } {
  const filename = join(dir, CORE);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(join(dir, CODE_CACHE));
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(readFileSync(filename, "utf8")), { filename, cachedData });
  const module = { exports: {} as Core };
  script.runInThisContext()(module.exports, require, module, filename, dir);
  return { core: module.exports, script };
}

if (require.main === module) {
  loadCore(__dirname)
    .core.main(process.argv)
    .then((code) => {
      process.exitCode = code;
    });
}
