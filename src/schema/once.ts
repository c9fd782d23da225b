// Schemas are built on first use. Building zod schemas is most of what a cold start costs in
// zod, and a command needs one or two of them: `mltest score` checks an evidence file, nothing else.

/** `build()`, run once, when first asked for. */
export function once<T>(build: () => T): () => T {
  let value: { built: T } | undefined;
  return () => {
    value ??= { built: build() };
    return value.built;
  };
}
