// An INI reader with Python configparser's semantics as tox, pytest and setup.cfg use them
// (interpolation off, keys kept as written): `[section]` headers, `key = value` and `key: value`
// (split at the first `=` or `:`), values continued on lines indented deeper than their key and
// joined with "\n", full-line `#` and `;` comments skipped, blank lines inside a value kept until
// the value ends. One pass over the lines.

export type IniSection = Map<string, { value: string; line: number }>;
export type Ini = Map<string, IniSection>;

export function readIni(text: string): Ini {
  const sections: Ini = new Map();
  let section: IniSection | undefined;
  let entry: { value: string; line: number } | undefined;
  let keyIndent = 0;
  const lines = text.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.replace(/\r$/, "");
    const stripped = line.trim();
    if (stripped.startsWith("#") || stripped.startsWith(";")) continue;
    if (!stripped) {
      if (entry) entry.value += "\n";
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (entry && indent > keyIndent) {
      entry.value = `${entry.value}\n${stripped}`;
      continue;
    }
    if (entry) entry.value = entry.value.trimEnd();
    entry = undefined;
    const close = stripped.lastIndexOf("]");
    if (stripped.startsWith("[") && close > 1) {
      const name = stripped.slice(1, close);
      section = sections.get(name) ?? new Map();
      sections.set(name, section);
      continue;
    }
    const eq = stripped.indexOf("=");
    const colon = stripped.indexOf(":");
    const at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
    if (!section || at <= 0) continue; // configparser would reject the file; keep what reads
    entry = { value: stripped.slice(at + 1).trim(), line: n + 1 };
    keyIndent = indent;
    section.set(stripped.slice(0, at).trim(), entry);
  }
  if (entry) entry.value = entry.value.trimEnd();
  return sections;
}
