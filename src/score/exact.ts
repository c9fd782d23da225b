// Exact decimal arithmetic for the scorer. Weights and points are written as decimals, but a
// double holds 4.015 as 4.01499999…, so rounding in binary floating point would send exact half
// cents the wrong way. Here every number is the decimal it was written as, held as a BigInt
// scaled by a power of ten, and only the final, rounded score becomes a double again.
//
// A double's shortest round-trip text (String(x)) is the decimal that was written whenever that
// decimal has at most 15 significant digits; the loaders refuse numbers with more (see
// exactlyHeld), so what is computed here is exactly what the file says.

/** value = units / 10^scale */
export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;
/** A double's shortest round-trip text never has more significant digits than this. */
const MAX_DOUBLE_DIGITS = 17;

/** The decimal a finite double stands for, as written in a file (see the note above). */
export function decimal(x: number): Decimal {
  if (!Number.isFinite(x)) throw new RangeError(`${x} is not a finite number`);
  return parseDecimal(String(x))!;
}

/** A decimal literal (`4.015`, `-1e-7`, `12.`), or undefined for anything else. */
export function parseDecimal(text: string): Decimal | undefined {
  const m = DECIMAL_TEXT.exec(text.trim());
  if (!m) return undefined;
  const [, sign, whole = "", fraction = "", exponent = "0"] = m;
  if (whole === "" && fraction === "") return undefined;
  const shift = Number(exponent) - fraction.length;
  // Exponents this far out are not weights; refusing them keeps 10^scale small.
  if (!Number.isSafeInteger(shift) || Math.abs(shift) > 400) return undefined;
  const digits = BigInt(`${sign === "-" ? "-" : ""}${whole}${fraction}`);
  return shift >= 0 ? { units: digits * 10n ** BigInt(shift), scale: 0 } : { units: digits, scale: -shift };
}

/**
 * Whether a number written as `text` in a file is the very value a double holds. False for
 * decimals with more significant digits than a double keeps (0.1234567890123456789) and for
 * integers beyond 2^53; true for every other decimal and integer literal.
 */
export function exactlyHeld(text: string, value: number): boolean {
  const written = text.trim();
  // Only a decimal spelling of this very value is checked: YAML 1.1's 0777 (octal), 0x1F or 1:30
  // read as other numbers than their digits say, and are left alone.
  if (!Number.isFinite(value) || !DECIMAL_TEXT.test(written) || Number(written) !== value) return true;
  // Counted on the text first, so that a number thousands of digits long costs no big arithmetic.
  const significant = written.replace(/e.*$/i, "").replace(/\D/g, "").replace(/^0+/, "").replace(/0+$/, "");
  if (significant.length > MAX_DOUBLE_DIGITS) return false;
  return equal(parseDecimal(written)!, decimal(value));
}

function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

export function add(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = aligned(a, b);
  return { units: x + y, scale };
}

export function sub(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = aligned(a, b);
  return { units: x - y, scale };
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function equal(a: Decimal, b: Decimal): boolean {
  const [x, y] = aligned(a, b);
  return x === y;
}

/** a − b ≥ margin, on the decimals the three numbers stand for. */
export function exceedsBy(a: number, b: number, margin: number): boolean {
  const [x, y] = aligned(sub(decimal(a), decimal(b)), decimal(margin));
  return x >= y;
}

export function sum(terms: Decimal[]): Decimal {
  return terms.reduce(add, { units: 0n, scale: 0 });
}

/**
 * numerator / denominator rounded to two decimals, half away from zero, as the nearest double
 * (the double a file or a person writing that two-decimal number would get).
 */
export function roundedQuotient(numerator: Decimal, denominator: Decimal): number {
  if (denominator.units === 0n) throw new RangeError("division by zero");
  // n/10^a ÷ d/10^b × 100 = (100 · n · 10^b) / (d · 10^a)
  let top = 100n * numerator.units * 10n ** BigInt(denominator.scale);
  let bottom = denominator.units * 10n ** BigInt(numerator.scale);
  if (bottom < 0n) [top, bottom] = [-top, -bottom];
  const negative = top < 0n;
  const magnitude = negative ? -top : top;
  let cents = magnitude / bottom;
  if (2n * (magnitude % bottom) >= bottom) cents += 1n;
  // Both operands are exact doubles below 2^53 and IEEE division rounds correctly, so this is the
  // double nearest to cents / 100.
  return (negative ? -Number(cents) : Number(cents)) / 100;
}

/** x rounded to two decimals, half away from zero, on the decimal x stands for. */
export function round2(x: number): number {
  return roundedQuotient(decimal(x), { units: 1n, scale: 0 });
}
