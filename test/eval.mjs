// `npm run eval`: measures `mltest detect` on the labelled corpus (test/corpus) and prints a table
// per repository and the totals. See test/corpus/README.md.
import { evaluate, formatEvaluation } from "./corpus.mjs";

process.stdout.write(formatEvaluation(evaluate()));
