import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from './postgres-server.ts';

describe('startPostgres', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server.destroy());

  async function query(sql: string): Promise<unknown[]> {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  it('serves queries on loopback', async () => {
    expect(await query('select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('stops and starts again with its data', async () => {
    await query('create table kept (id int)');
    await server.stop();
    await expect(query('select 1')).rejects.toThrow();
    await server.start();
    expect(await query('select count(*)::int as n from kept')).toEqual([{ n: 0 }]);
  });
});
