import { describe, expect, it } from 'vitest';
import { openPgliteInWorker } from '../src/serving/pglite-worker-client.ts';

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
});
