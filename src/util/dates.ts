// Dates and timestamps, read strictly. Date.parse is too lenient to trust: it rolls an impossible
// date over (2026-02-30 reads as 2026-03-02) and accepts many forms besides ISO 8601. So the tool
// reads every date it counts with this small parser of the ISO 8601 forms it meets, and checks
// the calendar by a round trip through Date. Pure.

/** A real calendar date written YYYY-MM-DD, as its midnight UTC in ms since the epoch; otherwise undefined. */
export function parseIsoDate(text: string): number | undefined {
  const cursor = new Cursor(text);
  const day = readDate(cursor);
  return cursor.atEnd() ? day : undefined;
}

/**
 * A date, or a date and time, in ISO 8601's extended form as test reports write it (RFC 3339 and
 * the common reduced forms: 2026-02-28, 2026-02-28T12:00, 2026-02-28T12:00:00,
 * 2026-02-28T12:00:00.123456+01:00), as ms since the epoch; a time without a zone is UTC.
 * Undefined for anything else, and for a date or time that does not exist.
 */
export function parseIsoTimestamp(text: string): number | undefined {
  const cursor = new Cursor(text);
  const day = readDate(cursor);
  if (day === undefined) return undefined;
  if (cursor.atEnd()) return day;
  // RFC 3339 allows a space (and a lower-case t) in place of the T.
  if (!cursor.take("T") && !cursor.take("t") && !cursor.take(" ")) return undefined;
  const time = readTime(cursor);
  if (time === undefined) return undefined;
  const offset = cursor.atEnd() ? 0 : readZone(cursor);
  return offset !== undefined && cursor.atEnd() ? day + time - offset : undefined;
}

const MINUTE_MS = 60_000;

/** YYYY-MM-DD, checked against the calendar. */
function readDate(cursor: Cursor): number | undefined {
  const year = cursor.digits(4);
  if (year === undefined || !cursor.take("-")) return undefined;
  const month = cursor.digits(2);
  if (month === undefined || !cursor.take("-")) return undefined;
  const day = cursor.digits(2);
  if (day === undefined) return undefined;
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as written rather than reading them as 19xx.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // Date rolls parts that are out of range into the next month or year; a real date comes back unchanged.
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? date.getTime() : undefined;
}

/** hh:mm[:ss[.fraction]], as ms into the day. No leap second and no 24:00, as in Date.parse. */
function readTime(cursor: Cursor): number | undefined {
  const hour = cursor.digits(2);
  if (hour === undefined || hour > 23 || !cursor.take(":")) return undefined;
  const minute = cursor.digits(2);
  if (minute === undefined || minute > 59) return undefined;
  let ms = (hour * 60 + minute) * MINUTE_MS;
  if (!cursor.take(":")) return ms;
  const second = cursor.digits(2);
  if (second === undefined || second > 59) return undefined;
  ms += second * 1000;
  if (!cursor.take(".") && !cursor.take(",")) return ms;
  // Any number of fraction digits (pytest writes microseconds); milliseconds are kept, the rest dropped.
  const fraction = cursor.digitRun();
  if (fraction === "") return undefined;
  return ms + Number(fraction.slice(0, 3).padEnd(3, "0"));
}

/** Z, or +hh:mm, +hhmm, +hh (or -), as the zone's offset from UTC in ms. */
function readZone(cursor: Cursor): number | undefined {
  if (cursor.take("Z") || cursor.take("z")) return 0;
  const sign = cursor.take("+") ? 1 : cursor.take("-") ? -1 : 0;
  if (sign === 0) return undefined;
  const hours = cursor.digits(2);
  if (hours === undefined || hours > 23) return undefined;
  if (cursor.atEnd()) return sign * hours * 60 * MINUTE_MS;
  cursor.take(":");
  const minutes = cursor.digits(2);
  if (minutes === undefined || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes) * MINUTE_MS;
}

/** A position in the text, moved on only by what it reads. */
class Cursor {
  private at = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.at === this.text.length;
  }

  /** Steps over `char` if it comes next. */
  take(char: string): boolean {
    if (this.text[this.at] !== char) return false;
    this.at++;
    return true;
  }

  /** Exactly `count` ASCII digits as a number, or undefined (and nothing read). */
  digits(count: number): number | undefined {
    const run = this.text.slice(this.at, this.at + count);
    if (run.length !== count || ![...run].every(isDigit)) return undefined;
    this.at += count;
    return Number(run);
  }

  /** All the ASCII digits that come next, possibly none. */
  digitRun(): string {
    const start = this.at;
    while (this.at < this.text.length && isDigit(this.text[this.at]!)) this.at++;
    return this.text.slice(start, this.at);
  }
}

function isDigit(char: string): boolean {
  return char >= "0" && char <= "9";
}
