/**
 * One problem with one field of a value being validated: where (`torqueNm`,
 * `inputs[2].range.min`) and what is wrong, written so `${field}: ${reason}` reads as a sentence.
 */
export interface FieldError {
  /** The path of the offending field, dotted with `[i]` for array items; `(body)` for the whole value. */
  readonly field: string;
  /** What is wrong and what was expected, e.g. `must be a number, got string`. */
  readonly reason: string;
}

/** The outcome of a validation that never throws: the accepted value, or every problem found. */
export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** The field name used when the value as a whole is wrong (not an object, not JSON, too large). */
export const wholeValueField = '(body)';

/**
 * Names the JSON type of a value for an error message: `string`, `null`, `array`, `NaN`,
 * `Infinity`. Numbers that are not finite are named, since `must be a finite number, got number`
 * would not tell the reader anything.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

/** True for a plain JSON-like object (not null, not an array). */
export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One `field: reason` line per error, in order. */
export function formatFieldErrors(errors: readonly FieldError[]): string {
  return errors.map((error) => `${error.field}: ${error.reason}`).join('\n');
}
