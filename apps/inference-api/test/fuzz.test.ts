import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, localRegistry, tempHome } from '../src/test-support/build-app.ts';
import { fixtureModelName, registerFixtureModel, validRow } from '../src/test-support/model-fixture.ts';

const home = tempHome();
let app: FastifyInstance;

beforeAll(async () => {
  await registerFixtureModel(localRegistry(home.dir));
  app = await buildApp({ home: home.dir, env: { BODY_LIMIT_BYTES: '4096', MAX_BATCH_ROWS: '20' } });
});

afterAll(async () => {
  await app.close();
  home.remove();
});

const anyValue = fc.oneof(fc.jsonValue(), fc.constantFrom(Number.NaN, Infinity, -Infinity, '', 'L', -0, 1e308, null));
/** A valid row with fields dropped, replaced, renamed or added. */
const mutatedRow = fc
  .record({
    drop: fc.subarray(Object.keys(validRow)),
    replace: fc.dictionary(fc.constantFrom(...Object.keys(validRow)), anyValue),
    add: fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 2 }),
  })
  .map(({ drop, replace, add }) => {
    const row: Record<string, unknown> = { ...validRow, ...replace, ...add };
    for (const key of drop) delete row[key];
    return row;
  });
/** Raw request text: JSON of mutated rows and values, truncated or corrupted JSON, random text. */
const body = fc.oneof(
  mutatedRow.map((row) => JSON.stringify(row)),
  fc.array(mutatedRow, { maxLength: 25 }).map((rows) => JSON.stringify(rows)),
  fc.jsonValue().map((value) => JSON.stringify(value) ?? 'null'),
  fc.tuple(mutatedRow, fc.nat()).map(([row, cut]) => JSON.stringify(row).slice(0, cut % 60)),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{"__proto__": {"x": 1}}', '{"constructor": {"prototype": {}}}', `{"torqueNm": 1${'0'.repeat(400)}}`, 'x'.repeat(5000)),
);
const url = fc.constantFrom('/predict', '/predict/batch', `/v2/models/${fixtureModelName}/infer`);

describe('POST bodies (fuzz)', () => {
  it('answers 10,000 random malformed bodies with a 4xx JSON error or a prediction, never a 5xx', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(url, body, async (path, payload) => {
        const response = await app.inject({ method: 'POST', url: path, payload, headers: { 'content-type': 'application/json' } });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) expect(typeof response.json().error).toBe('string');
      }),
      { numRuns: 10_000, seed: 3 },
    );
    expect([...statuses.values()].reduce((a, b) => a + b)).toBe(10_000);
    expect(statuses.get(400)).toBeGreaterThan(5000);
    // The process is still serving.
    expect((await app.inject({ method: 'POST', url: '/predict', payload: validRow })).statusCode).toBe(200);
  }, 120_000);
});
