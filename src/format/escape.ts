// Escaping for every output format. Evidence files are user input: an owner, a note or a path
// can hold any character, and no report may break because of it.

/** Characters XML 1.0 cannot carry at all, not even as references: other C0 controls, lone surrogates, U+FFFE/F. */
const XML_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Shows an unprintable character as visible text, e.g. "\u0001" → "\\u0001". */
function visible(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** XML text and attribute values (quotes and line breaks kept as references). */
export function xml(text: string): string {
  return text
    .replace(XML_INVALID, visible)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\r/g, "&#13;")
    .replace(/\n/g, "&#10;")
    .replace(/\t/g, "&#9;");
}

/** C0/C1 controls (line breaks included) become spaces: Markdown and terminals cannot show them. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F-\u009F]+/g, " ").trim();
}

/**
 * Markdown text that renders as written: no emphasis, links, HTML, code or table breaks, and
 * every word safe at the start of a line, so wrapping can never turn a word into a list item,
 * heading or setext underline. Works inside table cells too.
 */
export function md(text: string): string {
  return markdownWords(text, false);
}

/**
 * md() for documents people paste (the checklist): the same guarantees, without escapes a reader
 * would see. In CommonMark an underscore right after a letter or digit ("test_schema",
 * "test_pan_") can never open emphasis, and without an opener none closes: it stays as it is; one
 * that starts a word or follows punctuation ("_x", "(_x") is escaped. Words GFM
 * would turn into links by themselves (www., http:, mailto:, name@host) are broken with an escape.
 */
export function mdProse(text: string): string {
  return markdownWords(text, true);
}

function markdownWords(text: string, prose: boolean): string {
  const escaped = prose ? /[\\`*[\]|~]|(?<![\p{L}\p{N}])_/gu : /[\\`*_[\]|~]/g;
  return oneLine(text)
    .split(/\s+/)
    .filter(Boolean)
    .map((word) =>
      word
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(escaped, (ch) => `\\${ch}`)
        // GFM's extended autolinks: no repository text may become a link.
        .replace(
          prose ? /(www)\.|\b(https?|ftp|mailto|xmpp)(?=:)|@/giu : /(?!)/g,
          (_match, www: string | undefined, scheme: string | undefined) => (www ? `${www}\\.` : scheme ? `${scheme}\\` : "\\@"),
        )
        // Words that open a block at the start of a line: "-", "+", "#", "1.", "2)", "===", "---".
        .replace(/^(#{1,6}|[-+]|=+|-+)$/, (w) => `\\${w}`)
        .replace(/^(\d{1,9})([.)])$/, "$1\\$2"),
    )
    .join(" ");
}

/**
 * A code span for a single word such as a path. Markdown cannot escape inside a code span, so a
 * span that wrapping could split (it holds a space), or whose fence could open a code block at
 * the start of a line (``` or longer), falls back to escaped text. Not for table cells.
 */
export function mdCode(text: string): string {
  const line = oneLine(text);
  // reduce, not Math.max(...runs): a spread of some 120,000 runs overflows the stack.
  const longest = (line.match(/`+/g) ?? []).reduce((most, run) => Math.max(most, run.length), 0);
  if (/\s/.test(line) || longest >= 2 || line === "") return md(line);
  const fence = "`".repeat(longest + 1);
  const pad = line.startsWith("`") || line.endsWith("`") ? " " : "";
  return `${fence}${pad}${line}${pad}${fence}`;
}

/** A URL as a Markdown link target: characters that would end or break the link are encoded. */
export function mdUrl(url: string): string {
  return oneLine(url).replace(/[\s()<>[\]|"'`\\]/g, (ch) =>
    encodeURIComponent(ch).replace(/[()'!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  );
}

/** The message of a GitHub Actions workflow command. */
export function workflowData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value of a GitHub Actions workflow command (file=, title=, …). */
export function workflowProperty(text: string): string {
  return workflowData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** HTML text and attribute values: markup escaped, control characters shown, not passed on. */
export function html(text: string): string {
  return plain(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Like plain(), but keeps line breaks: for formats that encode them (workflow commands). */
export function plainLines(text: string): string {
  return text.replace(/[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, visible);
}

/** Text for a terminal: control characters (escape sequences, bells, line breaks) shown, not obeyed. */
export function plain(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F-\u009F]/g, visible);
}

/** How an output carries text: as plain text, inside JSON strings, or inside XML or HTML. */
export type CiSafeStyle = "text" | "json" | "xml";

const ZERO_WIDTH_SPACE = "\u200B";
/** "::" at the start of a line (a runner reading lines ends one at CR or LF), after other white space. */
const LINE_START_COLONS = /(^|[\n\r])([\t\v\f \u00a0\u0085\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*):(?=:)/g;

/**
 * Output that CI runners cannot read as commands. GitHub's runner obeys `::` at the start of a
 * line (after any whitespace) and `##[` anywhere in a line; Azure Pipelines `##vso[`, TeamCity
 * `##teamcity[`, anywhere in a line. Repository text reaches every output, so each is broken up:
 * with a zero-width space in text, and with a character reference in JSON and XML, which keeps
 * the value the same for whatever parses the file. (A runner that compares text by culture may
 * skip the zero-width space; the characters it then reads as the command are off by one, so no
 * command name matches.)
 */
export function ciSafe(text: string, style: CiSafeStyle): string {
  const hash = style === "json" ? "\\u0023" : style === "xml" ? "&#35;" : `#${ZERO_WIDTH_SPACE}`;
  const colon = style === "json" ? "\\u003a" : style === "xml" ? "&#58;" : `:${ZERO_WIDTH_SPACE}`;
  // A line starts after a CR or LF; the runner then trims what .NET counts as white space:
  // JavaScript's \s and U+0085. The class leaves out CR and LF, so each run of white space is
  // scanned once, from the one line start before it: linear, whatever the text.
  return text.replace(/#(?=#(?:\[|vso\[|teamcity\[))/g, hash).replace(LINE_START_COLONS, `$1$2${colon}`);
}
