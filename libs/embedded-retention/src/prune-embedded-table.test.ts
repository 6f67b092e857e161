import { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pruneEmbeddedTable, type PrunedTable, type RunStatement } from './prune-embedded-table.ts';

const events: PrunedTable = {
  name: 'events',
  deleteExpired: 'DELETE FROM events WHERE at < now() - make_interval(hours => $1::int)',
  deleteOverCap: 'DELETE FROM events WHERE id < (SELECT id FROM events ORDER BY id DESC OFFSET $1::int - 1 LIMIT 1)',
};

describe('pruneEmbeddedTable', () => {
  let db: PGlite;
  let statements: string[];
  let run: RunStatement;
  beforeEach(async () => {
    db = new PGlite();
    await db.exec('CREATE TABLE events (id bigserial PRIMARY KEY, at timestamptz NOT NULL)');
    statements = [];
    run = async (sql, params) => {
      statements.push(sql.split(' ')[0]!);
      return (await db.query(sql, params ? [...params] : undefined)).affectedRows ?? 0;
    };
  });
  afterEach(() => db.close());

  const ids = async () => (await db.query<{ id: string }>('SELECT id::text FROM events ORDER BY id')).rows.map((row) => Number(row.id));

  it('deletes the rows past their age, then the oldest beyond the cap, and keeps the newest', async () => {
    await db.exec(`INSERT INTO events (at) SELECT now() - interval '48 hours' FROM generate_series(1, 3)`);
    await db.exec('INSERT INTO events (at) SELECT now() FROM generate_series(1, 5)');
    expect(await pruneEmbeddedTable(run, events, { maxAgeHours: 24, maxRows: 2 })).toEqual({ expired: 3, overCap: 3 });
    expect(await ids()).toEqual([7, 8]);
    expect(statements).toEqual(['DELETE', 'DELETE', 'VACUUM', 'SET', 'CHECKPOINT']);
  });

  it('deletes nothing within the limits and then skips VACUUM, but still checkpoints (WAL grows with every write)', async () => {
    await db.exec('INSERT INTO events (at) SELECT now() FROM generate_series(1, 3)');
    expect(await pruneEmbeddedTable(run, events, { maxAgeHours: 24, maxRows: 10 })).toEqual({ expired: 0, overCap: 0 });
    expect(await ids()).toEqual([1, 2, 3]);
    expect(statements).toEqual(['DELETE', 'DELETE', 'SET', 'CHECKPOINT']);
  });
});
