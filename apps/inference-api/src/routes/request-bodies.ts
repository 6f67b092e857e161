/**
 * Which request bodies the API takes, on every route alike: JSON (`Content-Type:
 * application/json`, UTF-8), uncompressed. Anything else is refused with 415 before the body is
 * read, naming the header, what was sent and what is accepted; JSON the parser refuses gets a 400
 * that says why. Every route that takes a body documents those replies in the OpenAPI document.
 */
import { wholeValueField } from '@millwright/contract';
import type { FastifyInstance } from 'fastify';
import { clip, HttpProblem } from './error-reply.ts';
import { errorResponses } from './schemas.ts';

/** What a refused body is asked to be instead. */
const sendJson = 'send the body as JSON with Content-Type: application/json';

/** Methods Fastify never reads a body for (its `bodyless` set). */
const bodylessMethods = new Set(['GET', 'HEAD', 'TRACE']);

/** Methods whose routes take a body, so their OpenAPI entries list the replies to a refused one. */
const bodyRouteMethods = new Set(['POST', 'PUT', 'PATCH']);

type Headers = Readonly<Record<string, string | string[] | undefined>>;

function unsupported(field: 'content-type' | 'content-encoding', reason: string): HttpProblem {
  return HttpProblem.ofField(415, field, reason);
}

function refused(reason: string): HttpProblem {
  return HttpProblem.ofField(400, wholeValueField, reason);
}

/**
 * True when Fastify will parse a body for this request (its own rule, so the checks below run
 * exactly where its parsers would): a method that may carry one, and a Content-Type or some bytes.
 */
export function carriesBody(method: string, headers: Headers): boolean {
  if (bodylessMethods.has(method)) return false;
  const length = headers['content-length'];
  return headers['content-type'] !== undefined || headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * The 415 for a body in a content coding; only `identity` is taken. Decompressing would let a small
 * body expand past BODY_LIMIT_BYTES, and no client of this API compresses.
 */
export function contentEncodingProblem(header: string | string[] | undefined): HttpProblem | undefined {
  if (header === undefined) return undefined;
  const value = [header].flat().join(', ');
  const codings = value.split(',').map((coding) => coding.trim().toLowerCase()).filter((coding) => coding !== '');
  if (codings.every((coding) => coding === 'identity')) return undefined;
  return unsupported('content-encoding', `${JSON.stringify(clip(value.trim()))} is not accepted; send the body uncompressed, without Content-Encoding`);
}

/**
 * The 415 for a body that is not declared as UTF-8 JSON. JSON between systems is UTF-8
 * (https://www.rfc-editor.org/rfc/rfc8259#section-8.1), and the parser decodes it as such, so any
 * other charset is refused rather than misread.
 */
export function contentTypeProblem(header: string | undefined): HttpProblem | undefined {
  if (header === undefined) return unsupported('content-type', `is missing; ${sendJson}`);
  const [mediaType = '', ...parameters] = header.split(';');
  if (mediaType.trim().toLowerCase() !== 'application/json') {
    return unsupported('content-type', `${JSON.stringify(clip(mediaType.trim()))} is not accepted; ${sendJson}`);
  }
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=');
    const charset = value.trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    if (name.trim().toLowerCase() === 'charset' && charset !== 'utf-8' && charset !== 'utf8') {
      return unsupported('content-type', `charset ${JSON.stringify(clip(charset))} is not accepted; send JSON in UTF-8`);
    }
  }
  return undefined;
}

/**
 * Which key made secure-json-parse refuse valid JSON: `__proto__` anywhere, or `constructor`
 * holding an object with a `prototype` key (https://github.com/fastify/secure-json-parse). Walked
 * without recursion: the value may nest as deep as the body limit allows.
 */
function refusedKey(value: unknown): string {
  const pending = [value];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Object.hasOwn(node, '__proto__')) return '__proto__';
    const constructor = Object.hasOwn(node, 'constructor') ? (node as { constructor: unknown }).constructor : undefined;
    if (typeof constructor === 'object' && constructor !== null && Object.hasOwn(constructor, 'prototype')) return 'constructor holding a prototype key';
    for (const child of Object.values(node)) pending.push(child);
  }
  return '__proto__ or constructor';
}

/**
 * The 400 for a body the JSON parser refused, saying why: empty, not JSON (with the parser's
 * reason and position), or valid JSON with a key that could poison object prototypes
 * (https://fastify.dev/docs/latest/Guides/Prototype-Poisoning/).
 */
export function refusedJsonProblem(text: string): HttpProblem {
  if (text.length === 0) return refused('is empty; send a JSON value');
  let value: unknown;
  try {
    // The parser skips a byte-order mark; so does this second look.
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return refused(`is not valid JSON: ${(error as Error).message}`);
  }
  return refused(`has a key named ${refusedKey(value)}, which is refused for safety (such keys can change the prototype of the objects the server builds); rename or remove it`);
}

/**
 * Makes `fastify` take JSON bodies only, as described above. Call before the routes are
 * registered: the OpenAPI entries are completed as each route is added.
 */
export function acceptJsonBodies(fastify: FastifyInstance): void {
  // Fastify's own parser, with its prototype-poisoning checks; it says only "not valid JSON" when
  // it refuses, so a refusal is looked at again to tell the client why.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body as string, (error: Error | null, value?: unknown) => done(error === null ? null : refusedJsonProblem(body as string), value));
  });

  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.is404 || !carriesBody(request.method, request.headers)) return done();
    const encoding = contentEncodingProblem(request.headers['content-encoding']);
    if (encoding !== undefined) {
      // RFC 9110, section 15.5.16: a 415 for a content coding names the codings accepted.
      reply.header('accept-encoding', 'identity');
      return done(encoding);
    }
    done(contentTypeProblem(request.headers['content-type']));
  });

  fastify.addHook('onRoute', (route) => {
    if (![route.method].flat().some((method) => bodyRouteMethods.has(method))) return;
    route.schema = { ...route.schema, response: { ...errorResponses(400, 413, 415), ...(route.schema?.response as object | undefined) } };
  });
}
