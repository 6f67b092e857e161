// How the API refuses request bodies (media type, content coding, JSON it will not parse) and how
// big its error replies get. The refusals are checked on every POST route the app registers, so a
// route added later is covered without editing this file.
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, localRegistry, tempHome } from '../src/test-support/build-app.ts';
import { fixtureModelName, registerFixtureModel, validRow } from '../src/test-support/model-fixture.ts';

const home = tempHome();
const routes: RouteOptions[] = [];
let app: FastifyInstance;
let version: string;

beforeAll(async () => {
  version = await registerFixtureModel(localRegistry(home.dir));
  app = await buildApp({ home: home.dir, env: { ADMIN_TOKEN: 'a-long-admin-token-from-a-secret' }, onRoute: (route) => routes.push(route) });
});

afterAll(async () => {
  await app.close();
  home.remove();
});

/** Every POST route of the app, its path parameters filled in with values the app serves. */
function postUrls(): string[] {
  const values: Record<string, string> = { name: fixtureModelName, version, alias: 'champion' };
  return routes
    .filter((route) => [route.method].flat().includes('POST'))
    .map((route) => route.url.replace(/:(\w+)/g, (_match, param: string) => values[param] ?? 'x'));
}

/** The status, the `error` line and the body's keys of one reply per POST route. */
async function replyOfEveryPostRoute(payload: string | Buffer, headers: Record<string, string>) {
  return Promise.all(
    postUrls().map(async (url) => {
      const response = await app.inject({ method: 'POST', url, payload, headers });
      return { url, status: response.statusCode, error: response.json().error as unknown, acceptEncoding: response.headers['accept-encoding'] };
    }),
  );
}

const json = JSON.stringify(validRow);

describe('a POST body the API does not accept', () => {
  it('finds the POST routes to check, the admin ones included', () => {
    expect(postUrls()).toEqual(
      expect.arrayContaining(['/predict', '/predict/batch', `/v2/models/${fixtureModelName}/infer`, `/v2/models/${fixtureModelName}/versions/${version}/infer`, '/models/reload', '/registry/aliases/champion']),
    );
  });

  it.each([
    ['an XML body', 'application/xml', /content-type: "application\/xml" is not accepted; send the body as JSON with Content-Type: application\/json/],
    ['a text/plain body', 'text/plain', /content-type: "text\/plain" is not accepted; send the body as JSON with Content-Type: application\/json/],
    ['a form body', 'application/x-www-form-urlencoded', /content-type: "application\/x-www-form-urlencoded" is not accepted/],
    ['JSON in UTF-16', 'application/json; charset=utf-16', /content-type: charset "utf-16" is not accepted; send JSON in UTF-8/],
  ])('answers %s with 415 naming Content-Type and what it accepts, on every POST route', async (_name, contentType, message) => {
    const replies = await replyOfEveryPostRoute(json, { 'content-type': contentType });
    expect(replies).toEqual(postUrls().map((url) => ({ url, status: 415, error: expect.stringMatching(message), acceptEncoding: undefined })));
  });

  it('answers a body without a Content-Type with 415 asking for one, on every POST route', async () => {
    const replies = await replyOfEveryPostRoute(Buffer.from(json), {});
    expect(replies).toEqual(postUrls().map((url) => ({ url, status: 415, error: expect.stringMatching(/content-type: is missing; send the body as JSON with Content-Type: application\/json/), acceptEncoding: undefined })));
  });

  it.each([
    ['gzip', gzipSync(json)],
    ['br', Buffer.from(json)],
    ['deflate, identity', Buffer.from(json)],
  ])('answers Content-Encoding: %s with 415 naming the header and Accept-Encoding: identity, on every POST route', async (coding, payload) => {
    const replies = await replyOfEveryPostRoute(payload, { 'content-type': 'application/json', 'content-encoding': coding });
    const message = `content-encoding: "${coding}" is not accepted; send the body uncompressed, without Content-Encoding`;
    expect(replies).toEqual(postUrls().map((url) => ({ url, status: 415, error: expect.stringContaining(message), acceptEncoding: 'identity' })));
  });

  it('accepts JSON declared as UTF-8 and the identity coding', async () => {
    const response = await app.inject({ method: 'POST', url: '/predict', payload: json, headers: { 'content-type': 'Application/JSON; charset=UTF-8', 'content-encoding': 'identity' } });
    expect(response.statusCode).toBe(200);
  });

  it('still answers an unknown route with 404, whatever its body', async () => {
    const response = await app.inject({ method: 'POST', url: '/nope', payload: '<a/>', headers: { 'content-type': 'application/xml' } });
    expect(response.statusCode).toBe(404);
  });

  it('documents 400, 413 and 415 with the error shape on every POST route of the OpenAPI document', async () => {
    const document = (await app.inject('/openapi.json')).json();
    const documented = Object.entries(document.paths as Record<string, { post?: { responses: Record<string, unknown> } }>)
      .filter(([, operations]) => operations.post !== undefined)
      .map(([path, operations]) => ({ path, statuses: Object.keys(operations.post!.responses).filter((status) => ['400', '413', '415'].includes(status)) }));
    expect(documented.length).toBeGreaterThanOrEqual(5);
    expect(documented).toEqual(documented.map(({ path }) => ({ path, statuses: ['400', '413', '415'] })));
    const errorShape = document.paths['/models/reload'].post.responses['415'].content['application/json'].schema;
    expect(Object.keys(errorShape.properties)).toEqual(['error', 'errors', 'omittedErrors']);
  });
});

describe('JSON the API refuses to parse', () => {
  it.each([
    ['a __proto__ key', '/predict', `{"__proto__": {"torqueNm": 1}, "type": "M"}`, /\(body\): has a key named __proto__, which is refused for safety/],
    ['a nested __proto__ key', '/predict/batch', `[${json}, {"type": "M", "x": {"__proto__": {}}}]`, /\(body\): has a key named __proto__, which is refused for safety/],
    ['an escaped __proto__ key', '/predict', `{"\\u005f_proto__": {}}`, /\(body\): has a key named __proto__, which is refused for safety/],
    ['a constructor key holding a prototype', `/v2/models/${fixtureModelName}/infer`, '{"constructor": {"prototype": {"x": 1}}}', /\(body\): has a key named constructor holding a prototype key, which is refused for safety/],
  ])('answers %s with 400 saying the key is refused for safety, not that the JSON is invalid', async (_name, url, payload, message) => {
    const response = await app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatch(message);
    expect(response.json().error).toMatch(/rename or remove it/);
    expect(response.json().error).not.toMatch(/not valid JSON/);
  });

  it('answers malformed JSON with the parser\'s reason and position', async () => {
    const response = await app.inject({ method: 'POST', url: '/predict', payload: '{"type": "M" "torqueNm": 40}', headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: '(body)', reason: expect.stringMatching(/^is not valid JSON: .*position 13/) }]);
  });

  it('answers an empty JSON body with 400 saying it is empty', async () => {
    const response = await app.inject({ method: 'POST', url: '/predict', payload: '', headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('(body): is empty; send a JSON value');
  });
});

describe('contract errors of many rows', () => {
  /** A row whose every feature breaks the contract: six errors. */
  const brokenRow = { type: 'Q', airTemperatureK: 'x', processTemperatureK: 'x', rotationalSpeedRpm: 'x', torqueNm: 'x', toolWearMin: 'x' };
  const thousandBrokenRows = Array.from({ length: 1000 }, () => brokenRow);
  it('keeps the reply to 1,000 invalid rows under 16 KiB, listing the first 100 errors and counting the rest', async () => {
    const response = await app.inject({ method: 'POST', url: '/predict/batch', payload: thousandBrokenRows });
    expect(response.statusCode).toBe(400);
    expect(Buffer.byteLength(response.body)).toBeLessThan(16 * 1024);
    const body = response.json();
    expect(body.errors).toHaveLength(100);
    expect(body.omittedErrors).toBe(5900);
    expect(body.errors[0]).toEqual({ field: '[0].type', reason: 'must be one of "L", "M", "H", got "Q"' });
    expect(body.errors[99].field).toBe('[16].rotationalSpeedRpm');
  });

  it('summarises the rows in the message, quoting the first errors with row, field and reason, without repeating the list', async () => {
    const body = (await app.inject({ method: 'POST', url: '/predict/batch', payload: thousandBrokenRows })).json();
    expect(body.error).toMatch(/^6000 errors in 1000 rows; the first: \[0\]\.type: must be one of "L", "M", "H", got "Q"; \[0\]\.airTemperatureK: must be a number, got string; /);
    expect(body.error).toMatch(/; errors lists the first 100$/);
    expect(body.error.length).toBeLessThan(1000);
  });

  it('keeps the v2 reply (one error line) bounded and naming the first rows', async () => {
    const names = Object.keys(brokenRow) as (keyof typeof brokenRow)[];
    const payload = { inputs: names.map((name) => ({ name, shape: [1000], datatype: name === 'type' ? 'BYTES' : 'FP32', data: thousandBrokenRows.map((row) => row[name]) })) };
    const response = await app.inject({ method: 'POST', url: `/v2/models/${fixtureModelName}/infer`, payload });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json())).toEqual(['error']);
    expect(response.json().error).toMatch(/^6000 errors in 1000 rows; the first: \[0\]\.type: must be one of/);
    expect(Buffer.byteLength(response.body)).toBeLessThan(1000);
  });

  it('cuts long field names the client made up, so even 100 of them stay under 64 KiB', async () => {
    const longKey = 'k'.repeat(2000);
    const rows = Array.from({ length: 300 }, () => ({ ...validRow, [longKey]: 1 }));
    const response = await app.inject({ method: 'POST', url: '/predict/batch', payload: rows });
    expect(response.statusCode).toBe(400);
    expect(Buffer.byteLength(response.body)).toBeLessThan(64 * 1024);
    const first = response.json().errors[0];
    expect(first.field).toMatch(/^\[0\]\.k+… \(2004 characters\)$/);
    expect(first.reason).toMatch(/is not an input/);
  });

  it('lists every error of a request with only a few, with no count of omitted ones', async () => {
    const body = (await app.inject({ method: 'POST', url: '/predict/batch', payload: [validRow, { ...validRow, torqueNm: null }] })).json();
    expect(body).toEqual({ error: '[1].torqueNm: must be a number, got null', errors: [{ field: '[1].torqueNm', reason: 'must be a number, got null' }] });
  });
});
