// The command line: the one place that reads flags, touches `process`, writes files and decides
// the exit code (src/cli/). This file runs one command (declared in commands.ts); each command's
// work is in a module beside it, and everything below src/cli returns values. Started by launch.cts.
import { Command, CommanderError } from "commander";
import { config as zodConfig } from "zod";
import { ciSafe } from "../format/escape.js";
import { TOOL } from "../report.js";
import { InputError, UsageError } from "../util/errors.js";
import { fsReason } from "../util/read.js";
import { COMMANDS, type Done } from "./commands.js";
import { EXIT, warn, warnProblems } from "./io.js";

/** What a command decided; read once by main(). */
interface Outcome {
  exit: number;
}

/**
 * The program. A command line naming a command declares only that one: commander's declarations
 * are a noticeable part of a cold start, and that command's help and errors are the same either
 * way. Anything else (--help, a mistyped or missing command) gets them all.
 */
function program(outcome: Outcome, argv: string[]): Command {
  const cli = new Command("mltest")
    .description("Score how ready a machine-learning system is for production (the ML Test Score).")
    .version(TOOL.version, "-v, --version")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();

  const named = argv[2] !== undefined && Object.hasOwn(COMMANDS, argv[2]) ? [argv[2]] : Object.keys(COMMANDS);
  const done: Done = (exit) => {
    outcome.exit = exit ?? outcome.exit;
  };
  for (const name of named) COMMANDS[name]!(cli, done);
  return cli;
}

/** Runs one command line and returns its exit code; the launcher sets process.exitCode. */
export async function main(argv: string[]): Promise<number> {
  // zod compiles a fast path per object schema with eval; a CLI parses each file once, so the
  // compilation costs more than it saves (and V8's code cache cannot keep it).
  zodConfig({ jitless: true });
  // A reader that stops early (`mltest score | head`) is not an error; the exit code still stands.
  // Output that cannot be written (a full disk) is: said once, and exit 2, whenever it is found.
  let unwritable = false;
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE" || unwritable) return;
    unwritable = true;
    warn(`cannot write the output: ${fsReason(err)}`);
    process.exitCode = EXIT.error;
  });
  const outcome: Outcome = { exit: EXIT.ok };
  try {
    await program(outcome, argv).parseAsync(argv);
    // Write errors are emitted on a later tick: let them arrive before the exit code is decided.
    await new Promise((resolve) => setImmediate(resolve));
    return unwritable ? EXIT.error : outcome.exit;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and --version "exit" through here with code 0; anything else is a usage error.
      return err.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    if (err instanceof InputError) {
      warnProblems(err.problems);
      return EXIT.error;
    }
    if (err instanceof UsageError) {
      warn(err.message);
      return EXIT.error;
    }
    process.stderr.write(
      // The stack can quote repository text: kept from forming CI log commands like every output.
      `mltest: internal error; please report it with the command you ran.\n${ciSafe((err as Error)?.stack ?? String(err), "text")}\n`,
    );
    return EXIT.error;
  }
}
