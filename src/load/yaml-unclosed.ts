// A quote or a bracket that is never closed: yaml complains where the file ends, or where the
// text stops making sense; the mistake is where the quote or bracket opens, found in yaml's
// concrete syntax tree.
import { Parser } from "yaml";
import type { SyntaxProblem } from "./yaml-errors.js";

export function unclosedQuote(quote: string, offset: number, tokens: Token[]): SyntaxProblem | undefined {
  const type = quote === '"' ? "double-quoted-scalar" : "single-quoted-scalar";
  const open = last(tokens, (t) => t.type === type && t.offset < offset);
  if (!open) return undefined;
  return {
    offset: open.offset,
    message: `this ${quote} opens a quoted text that is never closed, so everything after it was read as part of that text: add the closing ${quote} where the text ends`,
    final: true,
  };
}

export function unclosedFlow(closer: string, offset: number, tokens: Token[]): SyntaxProblem | undefined {
  const opener = closer === "]" ? "[" : "{";
  const open = last(tokens, (t) => t.type === "flow-collection" && t.start === opener && !t.closed && t.offset < offset);
  if (!open) return undefined;
  return {
    offset: open.offset,
    final: true,
    message:
      opener === "["
        ? 'this "[" opens a list that is never closed: end it with "]" on the same line (as in [a, b]), or write each item on a line of its own, starting with "- "'
        : 'this "{" opens a mapping that is never closed: end it with "}" on the same line (as in {path: a}), or write each key on a line of its own',
  };
}

export interface Token {
  type: string;
  offset: number;
  start?: string;
  closed?: boolean;
}

/** Quoted scalars and flow collections in yaml's concrete syntax tree, where they begin. */
export function openers(text: string): Token[] {
  const found: Token[] = [];
  // Iterative: 10,000 nested brackets must not exhaust the stack.
  const stack: unknown[] = [...new Parser().parse(text)];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== "object") continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    const token = node as Record<string, unknown>;
    if (token.type === "double-quoted-scalar" || token.type === "single-quoted-scalar") {
      found.push({ type: token.type, offset: token.offset as number });
    } else if (token.type === "flow-collection") {
      const start = (token.start as { source: string }).source;
      const ends = (token.end as { source: string }[]).map((t) => t.source);
      found.push({ type: token.type, offset: token.offset as number, start, closed: ends.includes(start === "[" ? "]" : "}") });
    }
    for (const key of ["items", "start", "key", "sep", "value", "end"]) if (key in token) stack.push(token[key]);
  }
  return found.sort((a, b) => a.offset - b.offset);
}

function last<T>(items: T[], ok: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (ok(items[i]!)) return items[i];
  return undefined;
}
