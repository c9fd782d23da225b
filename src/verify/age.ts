// Evidence ages: how old a date is on the as-of date, and whether it lies after it. Dates and
// timestamps are ISO 8601, read as UTC (util/dates.ts).
import { parseIsoTimestamp } from "../util/dates.js";

/** Whether a date or timestamp lies after the as-of date's end (UTC). */
export function isAfter(date: string, asOf: string): boolean {
  const at = parseIsoTimestamp(date);
  const end = parseIsoTimestamp(asOf);
  return at !== undefined && end !== undefined && at >= end + 86_400_000;
}

/** Why a date of something that already happened cannot lie after --as-of. */
export function afterAsOf(what: string, asOf: string): string {
  return `${what} is dated after ${asOf}, the date evidence is counted to: something that already happened cannot be dated later (fix the date, or pass --as-of)`;
}

/**
 * Whole days from a date or timestamp to the as-of date (UTC; a timestamp without a zone is UTC).
 * NaN if either is not a real ISO 8601 date: callers pass dates already checked.
 */
export function daysBetween(from: string, asOf: string): number {
  const start = parseIsoTimestamp(from) ?? Number.NaN;
  const end = parseIsoTimestamp(asOf) ?? Number.NaN;
  return Math.max(0, Math.floor((end - start) / 86_400_000));
}
