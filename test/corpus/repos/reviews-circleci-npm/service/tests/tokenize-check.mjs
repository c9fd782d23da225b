import assert from "node:assert/strict";
import { test } from "node:test";
import { basicTokens, encode, wordPiece } from "../tokenize.mjs";

const vocab = new Map(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "great", "un", "##believ", "##able", "!"].map((t, i) => [t, i]));

test("splits punctuation and lowercases", () => {
  assert.deepEqual(basicTokens("Great!"), ["great", "!"]);
});

test("word pieces", () => {
  assert.deepEqual(wordPiece("unbelievable", vocab), ["un", "##believ", "##able"]);
  assert.deepEqual(wordPiece("xyz", vocab), ["[UNK]"]);
});

test("encode adds CLS and SEP and truncates", () => {
  assert.deepEqual(encode("great great great", vocab, 4), [2, 4, 4, 3]);
});
