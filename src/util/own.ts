/** A record's own value for `key`, so that an id such as "constructor" never finds Object.prototype's. */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Whether parsed input of any shape is an object with its own `key` (never one of Object.prototype's). */
export function hasOwnKey(value: unknown, key: string): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && Object.hasOwn(value, key);
}

/** Whether parsed input (YAML, JSON, TOML) is a mapping: an object that is not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
