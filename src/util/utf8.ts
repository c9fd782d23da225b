// Strict UTF-8 decoding for every file mltest reads.
import { isUtf8 } from "node:buffer";

/**
 * The text of `bytes`, or undefined when they are not valid UTF-8. A byte-order mark is kept for
 * the caller to judge. Node's native check starts faster than a fatal TextDecoder, whose first
 * use loads ICU's converter (`npm run bench` measures cold starts).
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  return isUtf8(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8") : undefined;
}

/** A whole text file: refused when it holds a NUL byte or is not UTF-8; a leading byte-order mark is dropped. */
export function decodeText(bytes: Uint8Array): { text: string } | { refused: "binary" | "not UTF-8" } {
  if (bytes.includes(0)) return { refused: "binary" };
  const text = decodeUtf8(bytes);
  return text === undefined ? { refused: "not UTF-8" } : { text: text.replace(/^\uFEFF/, "") };
}
