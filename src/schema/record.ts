// The map-shaped fields of every file format: z.record, made to refuse a "__proto__" key.
import * as z from "zod";
import { hasOwnKey } from "../util/own.js";

/**
 * zod's record skips a "__proto__" key without a word (writing it would replace the result's
 * prototype), so a file could say `__proto__: 7` and have it neither checked nor used. No key of
 * mltest's maps (section, test and gate ids, pointer fields) can be "__proto__": it is refused
 * as the key schema would refuse it, or else as an unknown `noun`. The JSON Schema is z.record's.
 */
export function record<K extends z.core.$ZodRecordKey, V extends z.core.SomeType>(key: K, value: V, noun: string) {
  const plain = z.record(key, value);
  const asKey = z.safeParse(key, "__proto__");
  const message = (asKey.success ? undefined : asKey.error.issues[0]?.message) ?? `unknown ${noun} "__proto__"`;
  return z.preprocess<unknown, typeof plain, z.input<typeof plain>>((input, ctx) => {
    if (hasOwnKey(input, "__proto__")) {
      ctx.addIssue({ code: "custom", message, path: ["__proto__"], input });
      // The issue stops the pipe before the record: check the other entries here, so that every
      // problem is reported at once (finished issues, whose input zod leaves out of reports).
      const rest = plain.safeParse(input);
      if (!rest.success) ctx.issues.push(...(rest.error.issues as z.core.$ZodRawIssue[]));
    }
    return input;
  }, plain);
}
