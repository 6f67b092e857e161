/**
 * The inference API's Fastify logger in the local stack. The API logs what fails in the
 * background (an inference log that cannot write, a model that does not load, a request that
 * failed) as warnings and errors; without a logger the stack dropped them all, and a first start
 * once lost every inference-log row without a word (issue 14). Warnings and errors become lines of
 * the stack's log; info and below stay quiet, as a line per request would drown the console.
 */
import type { FastifyBaseLogger } from 'fastify';

/** The text of a pino-style call: `(message)`, or `(object, message)` where the object may carry `err`. */
function lineOf(first: unknown, second: unknown): string {
  if (typeof first === 'string') return first;
  const { err, msg } = (first ?? {}) as { err?: unknown; msg?: unknown };
  const message = typeof second === 'string' ? second : typeof msg === 'string' ? msg : '';
  if (!(err instanceof Error)) return message;
  // Fastify's own error handler passes the error's message as the message too.
  return message === '' || message === err.message ? err.message : `${message}: ${err.message}`;
}

/** A Fastify logger that writes warnings, errors and fatal errors as lines through `log`. */
export function consoleLogger(log: (line: string) => void): FastifyBaseLogger {
  const print = (first: unknown, second?: unknown) => log(lineOf(first, second));
  const quiet = () => undefined;
  const logger: FastifyBaseLogger = { level: 'warn', fatal: print, error: print, warn: print, info: quiet, debug: quiet, trace: quiet, silent: quiet, child: () => logger };
  return logger;
}
