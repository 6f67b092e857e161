import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ai4iContract } from './ai4i-contract.ts';
import type { ModelContract } from './model-contract.ts';
import { requestJsonSchema } from './request-json-schema.ts';
import { validateInput } from './validate-input.ts';

const contract = ai4iContract();

/** A value the input accepts. */
function validValue(contract: ModelContract, name: string): fc.Arbitrary<unknown> {
  const input = contract.inputs.find((candidate) => candidate.name === name)!;
  if (input.type === 'category') return fc.constantFrom(...input.categories);
  const { min, max } = input.range!;
  return fc.oneof(fc.double({ min, max, noNaN: true }), fc.constantFrom(min, max));
}

/** A value near or far from what the input accepts: wrong types, neighbouring categories, out of range. */
function doubtfulValue(contract: ModelContract, name: string): fc.Arbitrary<unknown> {
  const input = contract.inputs.find((candidate) => candidate.name === name)!;
  const anything = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.integer(), fc.array(fc.integer(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
  if (input.type === 'category') return fc.oneof(fc.constantFrom('l', 'X', '', 'LM'), anything);
  const { min, max } = input.range!;
  return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: max, max: max + 1, noNaN: true }), fc.constant(min - 1e-9), anything);
}

/** The value one time in four, else null. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
}

/**
 * JSON bodies around the valid ones: every input mostly valid, sometimes doubtful, sometimes
 * missing, sometimes with extra fields; and now and then any JSON value at all.
 */
function candidateBody(contract: ModelContract): fc.Arbitrary<unknown> {
  const names = contract.inputs.map((input) => input.name);
  const fields = Object.fromEntries(
    names.map((name) => [name, fc.oneof({ weight: 12, arbitrary: validValue(contract, name) }, { weight: 1, arbitrary: doubtfulValue(contract, name) })]),
  );
  const extra = fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 });
  const body = fc
    .tuple(fc.record(fields), sometimes(fc.constantFrom(...names)), sometimes(extra))
    .map(([known, missing, extras]) => {
      const result: Record<string, unknown> = { ...(extras ?? {}), ...known };
      if (missing !== null) delete result[missing];
      return result;
    });
  return fc.oneof({ weight: 9, arbitrary: body }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
}

describe('requestJsonSchema', () => {
  it('declares draft-07 by default, for Fastify and Ajv’s default export', () => {
    expect(requestJsonSchema(contract).$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('declares draft 2020-12 when asked', () => {
    expect(requestJsonSchema(contract, { dialect: '2020-12' }).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('requires every input and forbids any other field', () => {
    const schema = requestJsonSchema(contract);
    expect(schema.required).toEqual(contract.inputs.map((input) => input.name));
    expect(schema.additionalProperties).toBe(false);
  });

  it('bounds torque by the contract range and names its unit', () => {
    expect((requestJsonSchema(contract).properties as Record<string, unknown>)['torqueNm']).toEqual({
      type: 'number',
      description: 'spindle torque (Nm)',
      minimum: 0,
      maximum: 100,
    });
  });

  it('lists the product types as an enum', () => {
    expect((requestJsonSchema(contract).properties as Record<string, unknown>)['type']).toMatchObject({ type: 'string', enum: ['L', 'M', 'H'] });
  });

  it('is a schema Ajv compiles in strict mode in both dialects', () => {
    expect(() => new Ajv({ strict: true }).compile(requestJsonSchema(contract))).not.toThrow();
    expect(() => new Ajv2020({ strict: true }).compile(requestJsonSchema(contract, { dialect: '2020-12' }))).not.toThrow();
  });

  it('accepts a JSON value exactly when validateInput does (draft-07)', () => {
    const validate = new Ajv({ strict: true }).compile(requestJsonSchema(contract));
    fc.assert(
      fc.property(candidateBody(contract), (body) => validate(body) === validateInput(contract, body).ok),
      { numRuns: 2000 },
    );
  });

  it('accepts a JSON value exactly when validateInput does (draft 2020-12)', () => {
    const validate = new Ajv2020({ strict: true }).compile(requestJsonSchema(contract, { dialect: '2020-12' }));
    fc.assert(
      fc.property(candidateBody(contract), (body) => validate(body) === validateInput(contract, body).ok),
      { numRuns: 2000 },
    );
  });

  it('agrees with validateInput on both outcomes often enough to mean something', () => {
    const bodies = fc.sample(candidateBody(contract), { numRuns: 2000, seed: 1 });
    const accepted = bodies.filter((body) => validateInput(contract, body).ok).length;
    expect(accepted).toBeGreaterThan(400);
    expect(accepted).toBeLessThan(1600);
  });
});
