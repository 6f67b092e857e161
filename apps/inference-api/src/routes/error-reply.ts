/**
 * Maps every failure to a status and a JSON body `{ error, errors?, omittedErrors? }`: `error` one
 * readable line (the Open Inference Protocol's error shape, `{"error": "..."}`), `errors` the
 * `{field, reason}` list for contract violations outside `/v2`. Internal errors say only that they
 * happened. A reply stays small whatever the request: a batch of a thousand bad rows gets a
 * summary line and the first {@link maxListedErrors} errors with a count of the rest, and every
 * quoted field or reason is cut at {@link maxQuotedLength} characters.
 */
import { wholeValueField, type FieldError } from '@millwright/contract';
import type { ServingConfig } from '../config.ts';
import { FeatureStoreUnavailableError } from '../serving/feature-store.ts';
import { InputError, NotExplainableError, NotReadyError, UnknownVersionError } from '../serving/predictor.ts';

/** Most field errors one reply lists; the rest are counted in `omittedErrors`. */
export const maxListedErrors = 100;

/** Field errors the one-line message quotes before it only counts. */
const maxQuotedErrors = 3;

/** Longest field or reason a reply quotes: a field may be a key the client made up. */
const maxQuotedLength = 200;

/** Longest `error` line; a summary quoting {@link maxQuotedErrors} cut errors fits well inside. */
const maxMessageLength = 2000;

/** A request-level problem with a status, raised by the routes. */
export class HttpProblem extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly errors?: readonly FieldError[],
  ) {
    super(message);
    this.name = 'HttpProblem';
  }

  /** A problem with one field: the message is `field: reason`, and the error list names both. */
  static ofField(statusCode: number, field: string, reason: string): HttpProblem {
    return new HttpProblem(statusCode, `${field}: ${reason}`, [{ field, reason }]);
  }
}

/** The error body every route's schema declares. */
export interface ErrorBody {
  error: string;
  errors?: FieldError[];
  /** How many errors beyond the {@link maxListedErrors} listed ones there were. */
  omittedErrors?: number;
}

/** The field prefix of a batch's row, `[index]`, as the routes pass it to the predictor. */
export function rowField(index: number): string {
  return `[${index}]`;
}

/** The row a field error of a batch is about, from its {@link rowField} prefix. */
function rowOf(field: string): string | undefined {
  return /^\[\d+\]/.exec(field)?.[0];
}

/** `text`, or its first `max` characters marked as cut, with the full length. */
export function clip(text: string, max = maxQuotedLength): string {
  if (text.length <= max) return text;
  // Not between the two halves of a surrogate pair, which would leave half a character.
  return `${text.slice(0, max).replace(/[\uD800-\uDBFF]$/, '')}… (${text.length} characters)`;
}

function clipError(error: FieldError): FieldError {
  return { field: clip(error.field), reason: clip(error.reason) };
}

function quote(error: FieldError): string {
  return `${error.field}: ${error.reason}`;
}

/**
 * The `error` line for field errors: all of them when there are a few, else how many in how many
 * rows and the first {@link maxQuotedErrors}; never the whole list, which `errors` carries.
 */
function summarise(errors: readonly FieldError[], listed: boolean): string {
  if (errors.length <= maxQuotedErrors) return errors.map((error) => quote(clipError(error))).join('; ');
  const rows = new Set(errors.map((error) => rowOf(error.field)).filter((row) => row !== undefined)).size;
  const where = rows === 0 ? '' : ` in ${rows} ${rows === 1 ? 'row' : 'rows'}`;
  const first = errors.slice(0, maxQuotedErrors).map((error) => quote(clipError(error))).join('; ');
  const list = !listed ? '' : errors.length > maxListedErrors ? `; errors lists the first ${maxListedErrors}` : '; errors lists them all';
  return `${errors.length} errors${where}; the first: ${first}${list}`;
}

interface ErrorLike {
  readonly code?: string;
  readonly statusCode?: number;
  readonly message: string;
  readonly validation?: unknown;
}

/** The status for a thrown error. */
export function statusOf(error: ErrorLike): number {
  if (error instanceof InputError) return 400;
  if (error instanceof NotReadyError) return 503;
  if (error instanceof UnknownVersionError) return 404;
  // The request is fine; this server cannot explain the model it serves (RFC 9110, section 15.6.2).
  if (error instanceof NotExplainableError) return 501;
  if (error instanceof FeatureStoreUnavailableError) return 503;
  if (error instanceof HttpProblem) return error.statusCode;
  const status = error.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

function fieldErrors(error: ErrorLike, status: number, config: ServingConfig): readonly FieldError[] | undefined {
  if (error instanceof InputError || error instanceof HttpProblem) return error.errors;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [{ field: wholeValueField, reason: `is larger than the limit of ${config.bodyLimitBytes} bytes` }];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      // request-bodies.ts refuses these first, naming the value; this is Fastify's own check behind it.
      return [{ field: 'content-type', reason: 'is not accepted; send the body as JSON with Content-Type: application/json' }];
    default:
      if (status === 400 && error instanceof SyntaxError) return [{ field: wholeValueField, reason: `is not valid JSON: ${error.message}` }];
      return undefined;
  }
}

/** The JSON body for an error; `/v2` routes get the protocol's bare `{"error": "..."}`. */
export function errorBody(error: ErrorLike, status: number, url: string, config: ServingConfig): ErrorBody {
  if (status >= 500 && !(error instanceof NotReadyError) && !(error instanceof NotExplainableError) && !(error instanceof FeatureStoreUnavailableError) && !(error instanceof HttpProblem)) {
    return { error: 'internal error; the server log has the details' };
  }
  const errors = fieldErrors(error, status, config);
  const bare = url.startsWith('/v2');
  const message = clip(errors && !(error instanceof HttpProblem) ? summarise(errors, !bare) : error.message, maxMessageLength);
  if (bare || errors === undefined) return { error: message };
  const listed = errors.slice(0, maxListedErrors).map(clipError);
  return errors.length > maxListedErrors ? { error: message, errors: listed, omittedErrors: errors.length - maxListedErrors } : { error: message, errors: listed };
}
