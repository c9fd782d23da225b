// The width function cli-table3 measures cells with (build.mjs hands it this module in place of
// string-width). string-width runs emoji-regex's large pattern over every cell, most of the cost
// of drawing a table (see `npm run bench`), and on a cold start that pattern's compilation first. Nearly every cell is printable ASCII,
// Latin letters and the punctuation of titles (— · … ’), one column a character in string-width
// too, so it skips that; any other text goes to string-width itself (test/boxed.test.ts holds the
// two to the same widths).
import stringWidth from "string-width";

function singleColumn(code: number): boolean {
  return (
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0x2ff) ||
    (code >= 0x2010 && code <= 0x2027) ||
    (code >= 0x2030 && code <= 0x205e)
  );
}

export default function cellWidth(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (!singleColumn(text.charCodeAt(i))) return stringWidth(text);
  }
  return text.length;
}
