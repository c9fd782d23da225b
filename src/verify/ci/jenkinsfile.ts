// Jenkins pipelines (Jenkinsfile), declarative or scripted. Groovy has no parser to borrow here, so
// this is a small reader of its own that keeps to what mltest needs: it splits the text into
// tokens (strings, comments, words, brackets), never matching patterns over the text, and reads
// - each `stage('NAME') { … }` as a job named NAME, nested stages as jobs of their own too;
// - what a stage runs: its shell steps, `sh`, `bat`, `powershell` and `pwsh`, with a string or a
//   `script:` string (Groovy's `${…}` is kept as written, never evaluated);
// - whether the pipeline is scheduled: `cron(…)` or `parameterizedCron(…)` inside `triggers { }`,
//   or a `cron(…)` trigger of a scripted pipeline's `pipelineTriggers`.
import type { CiJob } from "../ci.js";
import type { Pipeline } from "./yaml-systems.js";

type Token = { kind: "word" | "string" | "punct"; text: string };

const SHELL_STEPS = new Set(["sh", "bat", "powershell", "pwsh"]);
/** Stages inside stages deeper than this are read as part of their parent only. */
const MAX_DEPTH = 10;
const MAX_JOBS = 2_000;

export function jenkinsfile(text: string, source: string): Pipeline {
  const tokens = tokenize(text);
  const closing = matchBrackets(tokens);
  const jobs = new Map<string, CiJob>();
  const scheduled = tokens.some(
    (t, i) =>
      t.kind === "word" &&
      (t.text === "cron" || t.text === "parameterizedCron") &&
      tokens[i + 1]?.text === "(" &&
      tokens[i + 2]?.kind === "string",
  );
  const readStages = (from: number, to: number, depth: number) => {
    for (let i = from; i < to && jobs.size < MAX_JOBS; i++) {
      const name = stageAt(tokens, i);
      if (name === undefined) continue;
      const open = i + 4;
      const close = closing.get(open) ?? to;
      const known = jobs.get(name);
      jobs.set(name, { commands: [...(known?.commands ?? []), ...shellSteps(tokens, open + 1, close)], scheduled, source });
      if (depth < MAX_DEPTH) readStages(open + 1, close, depth + 1);
      i = close;
    }
  };
  readStages(0, tokens.length, 0);
  return { jobs, notes: [] };
}

/** The name of a stage whose `stage ( 'NAME' ) {` starts at token i. */
function stageAt(tokens: Token[], i: number): string | undefined {
  const [word, open, name, close, brace] = tokens.slice(i, i + 5);
  if (
    word?.kind !== "word" ||
    word.text !== "stage" ||
    open?.text !== "(" ||
    name?.kind !== "string" ||
    close?.text !== ")" ||
    brace?.text !== "{"
  ) {
    return undefined;
  }
  return name.text;
}

/** The command lines of the shell steps between two tokens: `sh 'x'`, `sh('x')`, `sh(script: 'x', …)`. */
function shellSteps(tokens: Token[], from: number, to: number): string[] {
  const found: string[] = [];
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if (token.kind !== "word" || !SHELL_STEPS.has(token.text)) continue;
    let j = i + 1;
    if (tokens[j]?.text === "(") j++;
    if (tokens[j]?.kind === "word" && tokens[j]!.text === "script" && tokens[j + 1]?.text === ":") j += 2;
    if (tokens[j]?.kind === "string") found.push(tokens[j]!.text);
  }
  return found;
}

/** For each opening brace or parenthesis, the index of the token that closes it. */
function matchBrackets(tokens: Token[]): Map<number, number> {
  const closing = new Map<number, number>();
  const open: number[] = [];
  tokens.forEach((t, i) => {
    if (t.text === "{" || t.text === "(") open.push(i);
    else if (t.text === "}" || t.text === ")") {
      const start = open.pop();
      if (start !== undefined) closing.set(start, i);
    }
  });
  return closing;
}

/** Groovy's tokens as far as a pipeline needs: strings (all four quotings), words, brackets; comments dropped. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === "'" || c === '"') {
      const quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + quote.length;
      let value = "";
      while (j < text.length && !text.startsWith(quote, j)) {
        if (text[j] === "\\" && j + 1 < text.length) {
          value += text[j + 1] === "n" ? "\n" : text[j + 1];
          j += 2;
        } else value += text[j++];
      }
      tokens.push({ kind: "string", text: value });
      i = j + quote.length;
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[\w$]/.test(text[j]!)) j++;
      tokens.push({ kind: "word", text: text.slice(i, j) });
      i = j;
    } else if (/\s/.test(c)) i++;
    else {
      tokens.push({ kind: "punct", text: c });
      i++;
    }
  }
  return tokens;
}
