import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTelemetryMessage } from './parse-telemetry-message.ts';
import { simulateProcesses } from './simulate-processes.ts';
import { telemetryMessageJsonSchema } from './telemetry-json-schema.ts';
import { toTelemetryMessage } from './to-telemetry-message.ts';

const valid = simulateProcesses({ rows: 300, seed: 6 }).map((row) =>
  toTelemetryMessage(row, { machineId: 'mill-07', site: 'plant-1', line: 'line-a' }, new Date(Date.UTC(2024, 4, 1, 0, 0, row.udi))),
);

/** A JSON value that replaces a valid one: a neighbour of the right type or something else entirely. */
const doubtful: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', 'K', 'C', 'Nm', 'rpm', 'min', 'L', 'X', 'OSF', 'mill/07', '2024-05-01T12:00:00Z', '2024-13-01T12:00:00Z', 'é'),
  fc.constantFrom(0, -1, 1, 1.5, -0.1, 2, 2 ** 53, 1e300),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 1 }),
);

/** The dotted paths of every leaf and branch of a JSON object. */
function paths(value: unknown, prefix: readonly string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [[...prefix, key], ...paths(child, [...prefix, key])]);
}

/** A valid message with one field replaced, removed, or joined by an unknown one. */
const candidate: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom(...valid), fc.nat(), fc.constantFrom('replace', 'remove', 'add', 'keep'), doubtful)
  .map(([message, pick, change, value]) => {
    const copy = JSON.parse(JSON.stringify(message)) as Record<string, unknown>;
    const all = paths(copy);
    const path = all[pick % all.length]!;
    const parent = path.slice(0, -1).reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, copy);
    const key = path.at(-1)!;
    if (change === 'replace') parent[key] = value;
    if (change === 'remove') delete parent[key];
    if (change === 'add') parent[`${key}Extra`] = value;
    return copy;
  });

describe('telemetryMessageJsonSchema', () => {
  it('is a schema Ajv compiles in strict mode, as draft-07 and as draft 2020-12', () => {
    expect(() => new Ajv({ strict: true }).compile(telemetryMessageJsonSchema())).not.toThrow();
    expect(() => new Ajv2020({ strict: true }).compile(telemetryMessageJsonSchema('2020-12'))).not.toThrow();
  });

  it('accepts every message the simulator produces', () => {
    const validate = new Ajv({ strict: true }).compile(telemetryMessageJsonSchema());
    expect(valid.filter((message) => !validate(message))).toEqual([]);
  });

  it('gives the same verdict as parseTelemetryMessage on messages with one field changed', () => {
    const validate = new Ajv2020({ strict: true }).compile(telemetryMessageJsonSchema('2020-12'));
    fc.assert(
      fc.property(candidate, (message) => validate(message) === parseTelemetryMessage(JSON.stringify(message)).ok),
      { numRuns: 3000 },
    );
  });

  it('sees both verdicts among the changed messages often enough to mean something', () => {
    const verdicts = fc.sample(candidate, { numRuns: 2000, seed: 1 }).map((message) => parseTelemetryMessage(JSON.stringify(message)).ok);
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(400);
    expect(verdicts.filter((ok) => !ok).length).toBeGreaterThan(400);
  });

  it('gives the same verdict as parseTelemetryMessage on any JSON value', () => {
    const validate = new Ajv({ strict: true }).compile(telemetryMessageJsonSchema());
    fc.assert(fc.property(fc.jsonValue(), (value) => validate(value) === parseTelemetryMessage(JSON.stringify(value)).ok));
  });
});
