/**
 * Maps every failure to a status and a JSON body `{ error, errors? }`: `error` one readable line
 * (the Open Inference Protocol's error shape, `{"error": "..."}`), `errors` the `{field, reason}`
 * list for contract violations outside `/v2`. Internal errors say only that they happened.
 */
import { wholeValueField, type FieldError } from '@millwright/contract';
import type { ServingConfig } from '../config.ts';
import { FeatureStoreUnavailableError } from '../serving/feature-store.ts';
import { InputError, NotReadyError, UnknownVersionError } from '../serving/predictor.ts';

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
}

/** The error body every route's schema declares. */
export interface ErrorBody {
  error: string;
  errors?: FieldError[];
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
  if (error instanceof FeatureStoreUnavailableError) return 503;
  if (error instanceof HttpProblem) return error.statusCode;
  const status = error.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

function fieldErrors(error: ErrorLike, status: number, config: ServingConfig): FieldError[] | undefined {
  if (error instanceof InputError || error instanceof HttpProblem) return error.errors ? [...error.errors] : undefined;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [{ field: wholeValueField, reason: `is larger than the limit of ${config.bodyLimitBytes} bytes` }];
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return [{ field: wholeValueField, reason: `is not valid JSON: ${error.message}` }];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return [{ field: 'content-type', reason: 'must be application/json' }];
    default:
      if (status === 400 && error instanceof SyntaxError) return [{ field: wholeValueField, reason: `is not valid JSON: ${error.message}` }];
      return undefined;
  }
}

/** The JSON body for an error; `/v2` routes get the protocol's bare `{"error": "..."}`. */
export function errorBody(error: ErrorLike, status: number, url: string, config: ServingConfig): ErrorBody {
  if (status >= 500 && !(error instanceof NotReadyError) && !(error instanceof FeatureStoreUnavailableError) && !(error instanceof HttpProblem)) {
    return { error: 'internal error; the server log has the details' };
  }
  const errors = fieldErrors(error, status, config);
  const message = errors && !(error instanceof HttpProblem) ? errors.map((item) => `${item.field}: ${item.reason}`).join('; ') : error.message;
  return url.startsWith('/v2') || errors === undefined ? { error: message } : { error: message, errors };
}
