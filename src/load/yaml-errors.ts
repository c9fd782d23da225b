// The YAML parser's syntax errors, said in plain words at the place a person has to change. The
// parser reports where it gave up, in its own terms ("Nested mappings are not allowed in compact
// mappings", often on the line before the mistake); the common mistakes (indentation, tabs, a
// missing space after a colon, an unclosed quote or bracket) are recognised from the text around
// that place (yaml-lines.ts) and explained with the fix, an unclosed quote or bracket where it
// opens (yaml-unclosed.ts). Anything else keeps the parser's own message.
import type { YAMLError } from "yaml";
import { indentOf, isContent, keyOf, type Line, lineIndex, nextContent, splitLines, stripComment, what } from "./yaml-lines.js";
import { openers, type Token, unclosedFlow, unclosedQuote } from "./yaml-unclosed.js";

export interface SyntaxProblem {
  offset: number;
  message: string;
  /** The rest of the file was misread because of this mistake: later errors are its echoes. */
  final?: boolean;
}

/** The first mistake in plain language (and every tab used as indentation before it), in file order. */
export function explainYamlErrors(text: string, errors: readonly YAMLError[]): SyntaxProblem[] {
  const lines = splitLines(text);
  let tokens: Token[] | undefined;
  const cst = () => (tokens ??= openers(text));
  const out: SyntaxProblem[] = [];
  const seen = new Set<string>();
  const json = /^\s*[[{]/.test(text);
  for (const error of [...errors].sort((a, b) => a.pos[0] - b.pos[0])) {
    const explained = explain(error, text, lines, cst);
    const key = `${explained.offset}\0${explained.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(explained);
    // After the first mistake yaml reads the rest out of step and its later complaints are mostly
    // echoes of it: the first one is said, then only tabs, which yaml finds on each line reliably.
    // A JSON file (a report a tool wrote) keeps every complaint: its mistakes are not of indentation.
    if (explained.final || (error.code !== "TAB_AS_INDENT" && !json)) break;
  }
  return out.sort((a, b) => a.offset - b.offset);
}

function explain(error: YAMLError, text: string, lines: Line[], cst: () => Token[]): SyntaxProblem {
  const offset = error.pos[0];
  const message = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  const index = lineIndex(lines, offset);
  const line = lines[index]!;
  const col = offset - line.start;
  // A document that is one flow collection (JSON) and stops while one is open was cut short: it is
  // said at its end, not at the innermost bracket still open.
  const cutShort = /^\s*[[{]/.test(text) && text.slice(offset).trim() === "";
  switch (error.code) {
    case "TAB_AS_INDENT":
      return {
        offset,
        message:
          "a tab indents this line, and YAML indents with spaces only: replace the tab with spaces (most editors can insert spaces when Tab is pressed)",
      };
    case "MISSING_CHAR": {
      const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
      if (quote && cutShort)
        return { offset, final: true, message: `the file ends inside a quoted text: it looks cut short; write it again in full` };
      if (quote) return unclosedQuote(quote, offset, cst()) ?? { offset, message };
      break;
    }
    case "BAD_INDENT": {
      const closer = /end with an? ([\]}])$/.exec(message)?.[1];
      if (closer && cutShort)
        return { offset, final: true, message: `the file ends before every bracket is closed: it looks cut short; write it again in full` };
      if (closer) return unclosedFlow(closer, offset, cst()) ?? { offset, message };
      if (/must start at the same column/.test(message)) return misaligned(lines, index) ?? { offset, message };
      break;
    }
  }
  if (["BLOCK_AS_IMPLICIT_KEY", "MULTILINE_IMPLICIT_KEY", "MISSING_CHAR"].includes(error.code)) {
    const spaceless = missingSpace(line, col);
    if (spaceless) return spaceless;
    if (error.code === "MISSING_CHAR" && /^Sequence item without/.test(message)) return misaligned(lines, index) ?? { offset, message };
    if (error.code === "MISSING_CHAR" && !/^Implicit map keys/.test(message)) return { offset, message };
    // The error at the start of a line: that line is out of step with the lines above it.
    if (col <= indentOf(line.text)) return misaligned(lines, index) ?? { offset, message };
    // A second key after a key on the same line: `data-1: status: automated`.
    const rest = stripComment(line.text.slice(col));
    const first = keyOf(line.text);
    if (first && col > first.col && /:(\s|$)/.test(rest) && !/^[[{]/.test(rest)) {
      return {
        offset,
        message:
          `a second key on the line of "${first.key}", which YAML cannot nest there: put "${rest}" on a line of its own, ` +
          `indented under "${first.key}"; or, if the colon is part of the text, put it in quotes: ${first.key}: "${rest.replace(/["\\]/g, "\\$&")}"`,
      };
    }
    // A value followed by a deeper line: the deeper line is the mistake, not this one.
    const next = nextContent(lines, index);
    if (first && next !== undefined && indentOf(lines[next]!.text) > first.col) {
      const deeper = lines[next]!;
      return {
        offset: deeper.start + indentOf(deeper.text),
        message:
          `${what(deeper.text)} is indented more than "${first.key}" on line ${index + 1}, which already has a value, so nothing can nest under it: ` +
          `indent it by ${first.col} spaces to line it up with "${first.key}"`,
      };
    }
  }
  // JSON's `"id": "tiny" "title": …`: two entries without the comma between them.
  if (
    error.code === "UNEXPECTED_TOKEN" &&
    /^\s*[[{]/.test(text) &&
    /^Unexpected (double-quoted-scalar|single-quoted-scalar|scalar|flow-seq-start|flow-map-start)/.test(message) &&
    /["'\]}\w]\s*$/.test(line.text.slice(0, col))
  ) {
    return { offset, message: "a comma is missing before this entry: entries of a list or an object are separated by commas" };
  }
  // `'don't'`: the quote closed early, and the rest of the text follows it.
  const closed = /(["'])\s*$/.exec(line.text.slice(0, col))?.[1];
  if (error.code === "UNEXPECTED_TOKEN" && /^Unexpected scalar/.test(message) && closed) {
    return {
      offset,
      message:
        closed === "'"
          ? "text follows the closing ' of a quoted value: inside '…' write an apostrophe as two ('don''t'), or put the whole value in double quotes"
          : 'text follows the closing " of a quoted value: inside "…" write a quote as \\", or put the whole value in single quotes',
    };
  }
  // The document ended before this point, and yaml complains of every token that follows: one
  // problem says why it ended.
  if (
    error.code === "UNEXPECTED_TOKEN" &&
    (/token in YAML stream/.test(message) || (/^Unexpected scalar at node end/.test(message) && col <= indentOf(line.text)))
  ) {
    return { ...documentEnded(lines, index, offset, line.text.slice(col)), final: true };
  }
  if (error.code === "MULTIPLE_DOCS") {
    return {
      offset,
      message:
        'a second YAML document starts here ("---"), and mltest reads one per file: remove the "---" line so that what follows joins the part above',
    };
  }
  return { offset, message };
}

/** `status:none`: a key and its value without the space YAML needs after the colon. */
function missingSpace(line: Line, col: number): SyntaxProblem | undefined {
  const at = indentOf(line.text);
  if (col < at) return undefined;
  const m = /^(- +)?([A-Za-z_][\w.-]*):([^\s:][^\s#]*)/.exec(line.text.slice(at));
  if (!m) return undefined;
  const written = `${m[2]}:${m[3]}`;
  return { offset: line.start + at + (m[1]?.length ?? 0), message: missingSpaceMessage(written) };
}

export function missingSpaceMessage(written: string): string {
  const colon = written.indexOf(":");
  return `"${written}" needs a space after the colon to be read as a key and its value: write "${written.slice(0, colon)}: ${written.slice(colon + 1)}"`;
}

/** Where a mistyped indentation should have been, from the lines above it. */
function misaligned(lines: Line[], index: number): SyntaxProblem | undefined {
  const line = lines[index]!;
  const n = indentOf(line.text);
  const item = /^\s*-(\s|$)/.test(line.text);
  // Walk up to the line it is nested in (less indented); on the way, the least indented keys are
  // the ones it sits among. A list item's key ("- ci: …") starts after its dash.
  const column = (text: string) => (item ? indentOf(text) : (keyOf(text)?.col ?? indentOf(text)));
  let siblings: number | undefined;
  let parent: number | undefined;
  for (let i = index - 1; i >= 0; i--) {
    const text = lines[i]!.text;
    if (!isContent(text) || (item && !/^\s*-(\s|$)/.test(text) && indentOf(text) >= n)) continue;
    const col = column(text);
    if (col > n && (siblings === undefined || col <= column(lines[siblings]!.text))) siblings = i;
    if (indentOf(text) < n) {
      parent = i;
      break;
    }
  }
  if (siblings === undefined) return undefined;
  const inItem = parent !== undefined && /^\s*-(\s|$)/.test(lines[parent]!.text);
  const options = [siblings, ...(parent === undefined || item || inItem || parent === siblings ? [] : [parent])].map((i) => {
    const other = lines[i]!.text;
    return `by ${column(other)} spaces like ${item ? "the item" : what(other)} on line ${i + 1}`;
  });
  return {
    offset: line.start + n,
    message: item
      ? `this list item is indented by ${n} spaces, which lines up with no item above it (items of one list must start in the same column): indent it ${options[0]}`
      : `${what(line.text)} is indented by ${n} spaces, which lines up with no key above it (keys of one mapping must start in the same column): indent it ${options.join(", or ")}`,
  };
}

/** Why the document stopped before the text at `offset`: a first line indented too far, a stray bracket. */
function documentEnded(lines: Line[], index: number, offset: number, rest: string): SyntaxProblem {
  const first = lines.findIndex((l) => isContent(l.text));
  const firstLine = lines[first]!;
  if (first >= 0 && first < index && indentOf(firstLine.text) > indentOf(lines[index]!.text)) {
    return {
      offset: firstLine.start + indentOf(firstLine.text),
      message:
        `${what(firstLine.text)} is indented by ${indentOf(firstLine.text)} spaces, but it is the file's first line: ` +
        `the top-level keys start at the beginning of their lines (as on line ${index + 1}), so remove the spaces before it`,
    };
  }
  const stray = /^[\]}]/.exec(rest)?.[0];
  if (stray) {
    return {
      offset,
      message: `this "${stray}" closes nothing: remove it, or add the "${stray === "]" ? "[" : "{"}" it was meant to close`,
    };
  }
  return {
    offset,
    message: "YAML stopped reading here: this line does not fit the lines above it; check its indentation and that of the line before",
  };
}
