/**
 * Kubernetes resource quantities (`100m`, `1.5Gi`, `2e3`) as exact rationals, for the CEL
 * `quantity` library that Kubernetes adds to admission expressions and cel-js lacks.
 *
 * The grammar is apimachinery's (k8s.io/apimachinery/pkg/api/resource/quantity.go):
 * a signed decimal number followed by a binary SI suffix (Ki..Ei), a decimal SI suffix
 * (n, u, m, k, M..E) or a decimal exponent (`e3`, `E-2`). Values are kept as
 * `numerator / denominator` BigInts so `1Gi == 1073741824` and `0.1 == 100m` compare exactly,
 * as `resource.Quantity.Cmp` does; floats would not.
 *
 * @see https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-quantity-library
 */

const binarySuffixes: Readonly<Record<string, bigint>> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};

/** Powers of ten of the decimal SI suffixes (`''` is the bare number). */
const decimalSuffixes: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const quantityPattern = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/**
 * apimachinery caps exponents far below this; the bound only keeps a hostile `1e999999999`
 * from allocating a gigantic BigInt.
 */
const maxExponent = 1000;

const int64Min = -(1n << 63n);
const int64Max = (1n << 63n) - 1n;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** An exact, normalised resource quantity. */
export class Quantity {
  /** Always positive and coprime with the numerator. */
  readonly denominator: bigint;
  readonly numerator: bigint;

  constructor(numerator: bigint, denominator = 1n) {
    if (denominator === 0n) throw new RangeError('a quantity cannot have a zero denominator');
    const sign = denominator < 0n ? -1n : 1n;
    const divisor = gcd(numerator, denominator) || 1n;
    this.numerator = (sign * numerator) / divisor;
    this.denominator = (sign * denominator) / divisor;
  }

  /** -1, 0 or 1, like `Quantity.Cmp`. */
  compareTo(other: Quantity): -1 | 0 | 1 {
    const left = this.numerator * other.denominator;
    const right = other.numerator * this.denominator;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  add(other: Quantity): Quantity {
    return new Quantity(this.numerator * other.denominator + other.numerator * this.denominator, this.denominator * other.denominator);
  }

  sub(other: Quantity): Quantity {
    return this.add(new Quantity(-other.numerator, other.denominator));
  }

  /** -1, 0 or 1. */
  sign(): -1 | 0 | 1 {
    return this.numerator < 0n ? -1 : this.numerator > 0n ? 1 : 0;
  }

  /** True when the value is a whole number that fits an int64, like `Quantity.AsInt64`'s ok. */
  isInteger(): boolean {
    return this.denominator === 1n && this.numerator >= int64Min && this.numerator <= int64Max;
  }

  /** The value as an int64; throws when it is fractional or out of range (CEL reports an error). */
  asInteger(): bigint {
    if (!this.isInteger()) throw new RangeError(`quantity ${this.toString()} is not an integer that fits in int64`);
    return this.numerator;
  }

  /** The value as a float64, possibly rounded (`Quantity.AsApproximateFloat64`). */
  asApproximateFloat(): number {
    return Number(this.numerator) / Number(this.denominator);
  }

  /** A readable exact form for messages: an integer, or `numerator/denominator`. */
  toString(): string {
    return this.denominator === 1n ? this.numerator.toString() : `${this.numerator}/${this.denominator}`;
  }
}

/** Parses a quantity string, or returns undefined when it is not one. */
export function parseQuantity(text: string): Quantity | undefined {
  const match = quantityPattern.exec(text);
  if (!match) return undefined;
  const [, number = '', suffix = ''] = match;
  const negative = number.startsWith('-');
  const unsigned = number.replace(/^[+-]/, '');
  const [whole = '', fraction = ''] = unsigned.split('.');
  let numerator = BigInt(`${whole}${fraction}` || '0') * (negative ? -1n : 1n);
  let denominator = 10n ** BigInt(fraction.length);
  let exponent: number;
  if (suffix in binarySuffixes) {
    numerator *= binarySuffixes[suffix]!;
    exponent = 0;
  } else if (suffix in decimalSuffixes) {
    exponent = decimalSuffixes[suffix]!;
  } else {
    exponent = Number(suffix.slice(1));
  }
  if (Math.abs(exponent) > maxExponent) return undefined;
  if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else denominator *= 10n ** BigInt(-exponent);
  return new Quantity(numerator, denominator);
}

/** Parses a quantity string; throws a message naming the value when it is not one. */
export function quantity(text: string): Quantity {
  const parsed = parseQuantity(text);
  if (!parsed) throw new RangeError(`"${text}" is not a Kubernetes quantity (e.g. 100m, 1.5Gi, 2e3)`);
  return parsed;
}
