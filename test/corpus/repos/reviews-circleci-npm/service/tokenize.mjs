// WordPiece tokenization, the same as the Python tokenizer used in training (uncased vocabulary).
export function basicTokens(text) {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/(\s+|[!-\/:-@\[-`{-~])/)
    .map((t) => t.trim())
    .filter(Boolean);
}

export function wordPiece(word, vocab, maxChars = 100) {
  if (word.length > maxChars) return ["[UNK]"];
  const pieces = [];
  let start = 0;
  while (start < word.length) {
    let end = word.length;
    let found = null;
    while (start < end) {
      const piece = (start > 0 ? "##" : "") + word.slice(start, end);
      if (vocab.has(piece)) { found = piece; break; }
      end--;
    }
    if (found === null) return ["[UNK]"];
    pieces.push(found);
    start = end;
  }
  return pieces;
}

export function encode(text, vocab, maxLength = 128) {
  const ids = ["[CLS]", ...basicTokens(text).flatMap((w) => wordPiece(w, vocab)).slice(0, maxLength - 2), "[SEP]"];
  return ids.map((t) => vocab.get(t) ?? vocab.get("[UNK]"));
}
