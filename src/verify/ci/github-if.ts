// Whether a GitHub Actions job's `if:` lets it run on a scheduled event. The expression language
// is small (literals, contexts, ==, !=, <, >, !, &&, ||, parentheses, function calls); this reads
// it with `github.event_name` = "schedule" and `github.event.schedule` = each of the workflow's
// crons known, and everything else unknown, in
// three-valued logic: an `if:` that depends on what mltest cannot know is said to be unknown,
// never guessed. One pass over at most a few kilobytes; nothing is evaluated but the expression.

type Value = string | number | boolean | null | typeof UNKNOWN;
const UNKNOWN = Symbol("unknown");

/**
 * Whether the job runs on a schedule: true, false, or undefined when mltest cannot decide. A
 * scheduled run's `github.event.schedule` is the cron that started it, one of `crons`: the job
 * runs on the schedule when its `if:` holds for one of them.
 */
export function runsOnScheduleEvent(condition: string, crons: string[] = []): boolean | undefined {
  const text = condition.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, "$1");
  if (text.length > 4096) return undefined;
  const tokens = tokenize(text);
  if (!tokens) return undefined;
  const results = (crons.length > 0 ? crons.slice(0, 50) : [undefined]).map((cron) => {
    const parser = new Parser(tokens, cron);
    const value = parser.expression();
    return parser.failed || !parser.done() ? UNKNOWN : value;
  });
  if (results.some((v) => v !== UNKNOWN && truthy(v))) return true;
  return results.every((v) => v !== UNKNOWN) ? false : undefined;
}

type Token = { kind: "string" | "number" | "name" | "op"; text: string };

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) i++;
    else if (c === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) return undefined;
        if (text[i] === "'" && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (text[i] === "'") break;
        else value += text[i++];
      }
      i++;
      tokens.push({ kind: "string", text: value });
    } else if (/[0-9]/.test(c)) {
      const match = /^[0-9][0-9.xXa-fA-F]*/.exec(text.slice(i))![0];
      tokens.push({ kind: "number", text: match });
      i += match.length;
    } else if (/[A-Za-z_]/.test(c)) {
      // A context path: github.event_name, needs.build.outputs['x'], matrix.os.
      const match = /^[A-Za-z_][\w-]*(?:\.[\w-]+|\.\*|\[[^\]]*\])*/.exec(text.slice(i))![0];
      tokens.push({ kind: "name", text: match });
      i += match.length;
    } else {
      const op = ["==", "!=", "<=", ">=", "&&", "||"].find((o) => text.startsWith(o, i)) ?? (/[!<>(),]/.test(c) ? c : undefined);
      if (!op) return undefined;
      tokens.push({ kind: "op", text: op });
      i += op.length;
    }
  }
  return tokens;
}

/** Functions whose result on an ordinary run is known: a job's `if:` defaults to success(). */
const KNOWN_CALLS: Record<string, Value> = { success: true, always: true, cancelled: false, failure: false };

class Parser {
  private at = 0;
  failed = false;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly cron: string | undefined,
  ) {}

  done(): boolean {
    return this.at === this.tokens.length;
  }

  expression(): Value {
    if (++this.depth > 100) return this.fail();
    let left = this.and();
    while (this.take("||")) left = or(left, this.and());
    this.depth--;
    return left;
  }

  private and(): Value {
    let left = this.comparison();
    while (this.take("&&")) left = and(left, this.comparison());
    return left;
  }

  private comparison(): Value {
    const left = this.unary();
    const op = ["==", "!=", "<", ">", "<=", ">="].find((o) => this.peek(o));
    if (!op) return left;
    this.at++;
    const right = this.unary();
    if (left === UNKNOWN || right === UNKNOWN) return UNKNOWN;
    if (op === "==" || op === "!=") {
      // GitHub compares strings without regard to case.
      const same = typeof left === "string" && typeof right === "string" ? left.toLowerCase() === right.toLowerCase() : left === right;
      return op === "==" ? same : !same;
    }
    return UNKNOWN;
  }

  private unary(): Value {
    if (this.take("!")) {
      const value = this.unary();
      return value === UNKNOWN ? UNKNOWN : !truthy(value);
    }
    return this.primary();
  }

  private primary(): Value {
    const token = this.tokens[this.at++];
    if (!token) return this.fail();
    if (token.kind === "op" && token.text === "(") {
      const value = this.expression();
      return this.take(")") ? value : this.fail();
    }
    if (token.kind === "string") return token.text;
    if (token.kind === "number") return Number(token.text);
    if (token.kind !== "name") return this.fail();
    if (this.take("(")) {
      // A function call: its arguments are read (so the expression parses), its value known or not.
      if (!this.take(")")) {
        do this.expression();
        while (this.take(","));
        if (!this.take(")")) return this.fail();
      }
      return Object.hasOwn(KNOWN_CALLS, token.text) ? KNOWN_CALLS[token.text]! : UNKNOWN;
    }
    if (token.text === "true" || token.text === "false") return token.text === "true";
    if (token.text === "null") return null;
    if (token.text === "github.event_name") return "schedule";
    return token.text === "github.event.schedule" && this.cron !== undefined ? this.cron : UNKNOWN;
  }

  private peek(op: string): boolean {
    const token = this.tokens[this.at];
    return token?.kind === "op" && token.text === op;
  }

  private take(op: string): boolean {
    if (!this.peek(op)) return false;
    this.at++;
    return true;
  }

  private fail(): Value {
    this.failed = true;
    return UNKNOWN;
  }
}

function truthy(value: Exclude<Value, typeof UNKNOWN>): boolean {
  return value !== null && value !== false && value !== 0 && value !== "";
}

function and(a: Value, b: Value): Value {
  if ((a !== UNKNOWN && !truthy(a)) || (b !== UNKNOWN && !truthy(b))) return false;
  return a === UNKNOWN || b === UNKNOWN ? UNKNOWN : true;
}

function or(a: Value, b: Value): Value {
  if ((a !== UNKNOWN && truthy(a)) || (b !== UNKNOWN && truthy(b))) return true;
  return a === UNKNOWN || b === UNKNOWN ? UNKNOWN : false;
}
