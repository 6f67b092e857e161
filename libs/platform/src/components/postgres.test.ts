import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSample, componentNamed, containersOf } from '../test-support/rendered-platform.ts';
import { databaseInitScript, platformDatabases } from './postgres.ts';

const script = databaseInitScript(platformDatabases);
const createCalls = (text: string) => text.split('\n').filter((line) => line.startsWith('create_database '));

describe('databaseInitScript', () => {
  it('calls create_database once per platform database', () => {
    expect(createCalls(script)).toEqual([
      'create_database telemetry "$TELEMETRY_PASSWORD"',
      'create_database inference "$INFERENCE_PASSWORD"',
      'create_database mlflow "$MLFLOW_PASSWORD"',
      'create_database airflow "$AIRFLOW_PASSWORD"',
    ]);
  });

  it('calls create_database once per database for any list of databases', () => {
    const names = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/), { maxLength: 8 });
    fc.assert(
      fc.property(names, (databases) => {
        const calls = createCalls(databaseInitScript(databases.map((name) => ({ name }))));
        expect(calls.map((call) => call.split(' ')[1])).toEqual(databases);
      }),
    );
  });

  it('runs every CREATE through \\gexec guarded by NOT EXISTS, so a re-run changes nothing', () => {
    const creates = script.split('\n').filter((line) => line.includes("'CREATE "));

    expect(creates.map((line) => [line.includes('WHERE NOT EXISTS'), line.endsWith('\\gexec')])).toEqual([
      [true, true],
      [true, true],
    ]);
  });

  it('stops at the first SQL error', () => {
    expect(script).toContain('psql -v ON_ERROR_STOP=1');
  });

  it('reads each role password from an env var the postgres container gets from its Secret', () => {
    const container = containersOf(componentNamed(buildSample('cloud-only'), 'postgres').objects.find((o) => o.kind === 'StatefulSet')!)[0];
    const fromSecret = (container?.env ?? []).filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name);
    const used = [...script.matchAll(/"\$([A-Z_]+_PASSWORD)"/g)].map((match) => match[1]);

    expect(fromSecret).toEqual(expect.arrayContaining(used));
  });
});
