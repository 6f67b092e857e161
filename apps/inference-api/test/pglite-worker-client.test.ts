import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgliteInWorker } from '../src/serving/pglite-worker-client.ts';

const scratch = mkdtempSync(join(tmpdir(), 'millwright-pglite-worker-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('openPgliteInWorker', () => {
  it('runs statements and parameterised queries on the worker thread, and survives a bad query', async () => {
    const client = openPgliteInWorker(undefined);
    try {
      await client.query('CREATE TABLE readings (machine text, value float8)');
      await client.query('INSERT INTO readings SELECT * FROM unnest($1::text[], $2::float8[])', [['a', 'b'], [1.5, 2.5]]);
      const result = (await client.query('SELECT machine, value FROM readings WHERE value > $1 ORDER BY machine', [1])) as { rows: unknown[] };
      expect(result.rows).toEqual([
        { machine: 'a', value: 1.5 },
        { machine: 'b', value: 2.5 },
      ]);
      await expect(client.query('SELECT * FROM missing_table', [])).rejects.toThrow(/missing_table/);
      expect(((await client.query('SELECT 1 AS one', [])) as { rows: unknown[] }).rows).toEqual([{ one: 1 }]);
    } finally {
      await client.close();
    }
  });

  it('fails every query after close instead of hanging', async () => {
    const client = openPgliteInWorker(undefined);
    await client.close(); // never used: stopped without opening the database
    await expect(client.query('SELECT 1', [])).rejects.toThrow(/stopped/);
  });

  it('creates its data directory and the missing folders above it, as on a fresh MILLWRIGHT_HOME', async () => {
    const dataDir = join(scratch, 'fresh-home', 'not-yet', 'inference-log');
    const first = openPgliteInWorker(dataDir);
    await first.query('CREATE TABLE kept (value int)');
    await first.query('INSERT INTO kept VALUES ($1)', [7]);
    await first.close();
    const reopened = openPgliteInWorker(dataDir);
    try {
      expect(((await reopened.query('SELECT value FROM kept', [])) as { rows: unknown[] }).rows).toEqual([{ value: 7 }]);
    } finally {
      await reopened.close();
    }
  });

  it('fails every query naming the directory, the cause and the fix when the database cannot be opened', async () => {
    const dataDir = join(scratch, 'taken-by-a-file');
    writeFileSync(dataDir, 'not a directory\n');
    const client = openPgliteInWorker(dataDir);
    try {
      const failure = /the embedded database at \S*taken-by-a-file could not be opened or has stopped: .*EEXIST.*make it a writable directory, or set DATABASE_URL/;
      await expect(client.query('SELECT 1', [])).rejects.toThrow(failure);
      await expect(client.query('SELECT 1', [])).rejects.toThrow(failure);
    } finally {
      await client.close();
    }
  });
});
