// A shell word splitter, for reading what a CI step or a task runs. It knows the parts of the
// POSIX shell grammar that decide where a command starts and which words it has: quotes, escapes,
// comments, line continuations, the operators that separate commands, command substitution
// kept whole inside a word, and here-documents, whose bodies are data. It expands nothing: `$VAR`
// stays as written. One pass, linear time.
// (shell-quote, the usual library, returns tokens only; mltest needs each command's own text too.)

export interface SimpleCommand {
  /** The command's words, unquoted; redirections and leading keywords (if, then, do…) dropped. */
  words: string[];
  /** The command as written in the script, trimmed. */
  text: string;
}

/** Reserved words that may start a command before the command itself (`if make test; then`). */
const LEADING_KEYWORDS = new Set(["if", "then", "else", "elif", "do", "while", "until", "!", "{", "}", "time"]);
/** Words that end a compound command and run nothing. */
const CLOSING = new Set(["fi", "done", "esac", "}", ")"]);

export function simpleCommands(script: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: string[] = [];
  let word = "";
  let inWord = false;
  let start = -1;
  const endWord = () => {
    if (inWord) words.push(word);
    word = "";
    inWord = false;
  };
  const endCommand = (end: number) => {
    endWord();
    const kept = tidy(words);
    const text = start < 0 ? "" : script.slice(start, end).trim();
    if (kept.length > 0 && text) commands.push({ words: kept, text });
    words = [];
    start = -1;
  };
  const n = script.length;
  // Here-documents opened on the current line: their bodies follow its newline.
  let heredocs: { word: string; tabs: boolean }[] = [];
  let i = 0;
  while (i < n) {
    const c = script[i]!;
    // A line continuation starts nothing: a command is only what follows it.
    if (start < 0 && !/\s/.test(c) && !(c === "\\" && script[i + 1] === "\n")) start = i;
    if (c === "<" && script.startsWith("<<<", i)) {
      if (inWord && !/^\d+$/.test(word)) endWord();
      word += "<<<"; // a here-string: its word is data, dropped with the redirection
      inWord = true;
      i += 3;
      continue;
    }
    if (c === "<" && script[i + 1] === "<") {
      if (inWord && /^\d+$/.test(word))
        word = ""; // `0<<EOF`: the descriptor goes with the operator
      else endWord();
      inWord = false;
      const tabs = script[i + 2] === "-";
      const delimiter = heredocWord(script, i + (tabs ? 3 : 2));
      heredocs.push({ word: delimiter.word, tabs });
      i = delimiter.end;
      continue;
    }
    if (c === "\n" && heredocs.length) {
      endCommand(i);
      i = skipHeredocs(script, i + 1, heredocs);
      heredocs = [];
      continue;
    }
    if (c === "\\") {
      if (script[i + 1] === "\n") {
        i += 2; // a line continuation joins the lines
        continue;
      }
      word += script[i + 1] ?? "";
      inWord = true;
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = script.indexOf("'", i + 1);
      const end = close < 0 ? n : close;
      word += script.slice(i + 1, end);
      inWord = true;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i = doubleQuoted(script, i + 1, (text) => (word += text));
      inWord = true;
      continue;
    }
    if (c === "$" && script[i + 1] === "(") {
      // Command substitution stays in the word as written; the commands inside are not followed.
      const end = closingParen(script, i + 2);
      word += script.slice(i, end);
      inWord = true;
      i = end;
      continue;
    }
    if (c === "`") {
      const close = script.indexOf("`", i + 1);
      const end = close < 0 ? n : close + 1;
      word += script.slice(i, end);
      inWord = true;
      i = end;
      continue;
    }
    if (c === "#" && !inWord) {
      const newline = script.indexOf("\n", i);
      if (start === i) start = -1;
      endCommand(i);
      i = newline < 0 ? n : newline;
      continue;
    }
    if (c === "\n" || c === ";" || c === "&" || c === "|" || c === "(" || c === ")") {
      // `2>&1` and `>&2` are redirections, not a command ending in the background. Any other `&`
      // ends a command: `cmd &>log` reads as `cmd` and then a bare redirection, which is no command.
      if (c === "&" && (script[i - 1] === ">" || script[i - 1] === "<")) {
        word += c;
        i++;
        continue;
      }
      endCommand(i);
      i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      endWord();
      i++;
      continue;
    }
    word += c;
    inWord = true;
    i++;
  }
  endCommand(n);
  return commands;
}

/** A here-document's delimiter from `from` (blanks skipped), quotes and backslashes removed, and the index after it. */
function heredocWord(script: string, from: number): { word: string; end: number } {
  let i = from;
  while (script[i] === " " || script[i] === "\t") i++;
  let word = "";
  while (i < script.length && !/[\s;&|()<>]/.test(script[i]!)) {
    const c = script[i]!;
    if (c === "'" || c === '"') {
      const close = script.indexOf(c, i + 1);
      const end = close < 0 ? script.length : close;
      word += script.slice(i + 1, end);
      i = end + 1;
    } else if (c === "\\") {
      word += script[i + 1] ?? "";
      i += 2;
    } else {
      word += c;
      i++;
    }
  }
  return { word, end: Math.min(i, script.length) };
}

/** The index after the bodies of the here-documents opened on one line, each ending at a line that is its delimiter (leading tabs dropped for `<<-`); an unclosed body runs to the end, as the shell reads it. */
function skipHeredocs(script: string, from: number, heredocs: { word: string; tabs: boolean }[]): number {
  let i = from;
  for (const { word, tabs } of heredocs) {
    while (i < script.length) {
      const newline = script.indexOf("\n", i);
      const end = newline < 0 ? script.length : newline;
      let line = script.slice(i, end).replace(/\r$/, "");
      if (tabs) line = line.replace(/^\t+/, "");
      i = end + 1;
      if (line === word) break;
    }
  }
  return Math.min(i, script.length);
}

/** The text of a double-quoted string from `from`, handed over in pieces; returns the index after its closing quote. */
function doubleQuoted(script: string, from: number, add: (text: string) => void): number {
  let i = from;
  let piece = from;
  while (i < script.length) {
    const c = script[i];
    if (c === '"') break;
    if (c === "\\" && i + 1 < script.length) {
      add(script.slice(piece, i));
      // Inside double quotes a backslash escapes only these; elsewhere it stays.
      add('$`"\\\n'.includes(script[i + 1]!) ? (script[i + 1] === "\n" ? "" : script[i + 1]!) : script.slice(i, i + 2));
      i += 2;
      piece = i;
      continue;
    }
    i++;
  }
  add(script.slice(piece, i));
  return i + 1;
}

/** The index after the `)` that closes a `$(`, counting nested parentheses and skipping quotes. */
function closingParen(script: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < script.length && depth > 0) {
    const c = script[i]!;
    if (c === "'" || c === '"') {
      const close = script.indexOf(c, i + 1);
      i = close < 0 ? script.length : close + 1;
      continue;
    }
    if (c === "\\") i++;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    i++;
  }
  return i;
}

/** A command's words without its leading keywords and its redirections. */
function tidy(words: string[]): string[] {
  let first = 0;
  while (first < words.length && LEADING_KEYWORDS.has(words[first]!)) first++;
  const kept: string[] = [];
  for (let i = first; i < words.length; i++) {
    const w = words[i]!;
    // `>out`, `2>>log`, `<in`, `<<<word`: a redirection; a bare operator takes the next word with
    // it. (No word starts with `&`: the splitter ends a command there.)
    const redirect = /^(\d*)(>>?|<<<|<|>&|<&)(.*)$/.exec(w);
    if (redirect) {
      if (redirect[3] === "") i++;
      continue;
    }
    kept.push(w);
  }
  return kept.length === 1 && CLOSING.has(kept[0]!) ? [] : kept;
}
