import { describe, expect, it } from 'vitest';
import { RetryingStore, oneLine } from '../src/retrying-store.ts';
import { postgresAddress, type TelemetryStore } from '../src/telemetry-store.ts';
import { waitFor } from './support.ts';

/** A store that only counts what it was given. */
function countingStore(): TelemetryStore & { rows: number; closed: boolean } {
  const store = {
    rows: 0,
    closed: false,
    insert: async (rows: readonly unknown[]) => {
      store.rows += rows.length;
      return rows.length;
    },
    count: async () => store.rows,
    applyRetention: async () => ({ expired: 0, overCap: 0 }),
    close: async () => {
      store.closed = true;
    },
  };
  return store;
}

const quick = { firstMs: 10, maxMs: 20, jitter: 0 };

describe('RetryingStore', () => {
  it('retries opening, logging one line per failure, and lets the inserts that waited through once open', async () => {
    const store = countingStore();
    let attempts = 0;
    const log: string[] = [];
    const open = async () => {
      attempts += 1;
      if (attempts < 3) throw new Error(`Connection terminated\nunexpectedly`);
      return store;
    };
    const retrying = new RetryingStore({ open, target: 'PostgreSQL at db:5432', log: (line) => log.push(line), schedule: quick });
    const row = { messageId: 'm-1', machineId: 'm', site: 's', line: 'l', sequence: 1, producedAt: '2025-01-01T00:00:00Z', payload: '{}' };
    const inserted = retrying.insert([row]);
    await expect(retrying.count()).rejects.toThrow(/^raw_telemetry is not open yet: PostgreSQL at db:5432/);

    expect(await inserted).toBe(1);
    expect(retrying.isOpen).toBe(true);
    expect(retrying.notOpen()).toBeUndefined();
    expect(log).toEqual([
      'PostgreSQL at db:5432 not reachable yet (attempt 1): Connection terminated unexpectedly; retrying in 0 s',
      'PostgreSQL at db:5432 not reachable yet (attempt 2): Connection terminated unexpectedly; retrying in 0 s',
      'PostgreSQL at db:5432: raw_telemetry open and migrated after 3 attempts',
    ]);
    await retrying.close();
    expect(store.closed).toBe(true);
  });

  it('names the last error and the wait on /readyz, and on close stops retrying and fails the waiting inserts', async () => {
    let attempts = 0;
    const open = async (): Promise<TelemetryStore> => {
      attempts += 1;
      throw new Error('connect ECONNREFUSED 10.0.0.1:443');
    };
    const retrying = new RetryingStore({ open, target: 'PostgreSQL at db:443', log: () => undefined, schedule: { firstMs: 60_000, maxMs: 60_000, jitter: 0 } });
    expect(retrying.notOpen()).toBe('PostgreSQL at db:443: connecting and migrating raw_telemetry');
    await waitFor(() => attempts === 1 && retrying.notOpen() !== 'PostgreSQL at db:443: connecting and migrating raw_telemetry', () => 'the first attempt to fail');
    expect(retrying.notOpen(Date.now() + 15_000)).toMatch(/^PostgreSQL at db:443 not reachable yet: connect ECONNREFUSED 10\.0\.0\.1:443; retrying in (45|44\.\d) s$/);

    const waiting = retrying.insert([]);
    await retrying.close();
    await expect(waiting).rejects.toThrow('PostgreSQL at db:443: the gateway stopped before raw_telemetry was open');
    await expect(retrying.insert([])).rejects.toThrow(/stopped before raw_telemetry was open/);
  });
});

describe('oneLine', () => {
  it('keeps an error to one line, and spells out an AggregateError by its causes', () => {
    expect(oneLine(new Error('a\n  b'))).toBe('a b');
    expect(oneLine(new AggregateError([new Error('connect ECONNREFUSED ::1:5432'), new Error('connect ECONNREFUSED 127.0.0.1:5432')]))).toBe(
      'connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432',
    );
  });
});

describe('postgresAddress', () => {
  it('names host and port, never the password, and nothing for the embedded store', () => {
    expect(postgresAddress('postgresql://telemetry:s3cret@postgres.example.com:443/telemetry?sslmode=require')).toBe('postgres.example.com:443');
    expect(postgresAddress('postgres://u@db/x')).toBe('db:5432');
    expect(postgresAddress('memory://')).toBeUndefined();
    expect(postgresAddress(undefined)).toBeUndefined();
  });
});
