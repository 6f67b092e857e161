import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type PostgresServer } from '@millwright/test-servers';
import { afterAll, describe, expect, it } from 'vitest';
import type { TelemetryRow } from '../src/accept-message.ts';
import { defaultTelemetryRetention, type TelemetryRetention } from '../src/telemetry-retention.ts';
import { openTelemetryStore, type TelemetryStore } from '../src/telemetry-store.ts';
import { waitFor } from './support.ts';

const scratch = mkdtempSync(join(tmpdir(), 'millwright-retention-'));
let postgres: PostgresServer | undefined;

afterAll(async () => {
  await postgres?.destroy();
  rmSync(scratch, { recursive: true, force: true });
});

let sequence = 0;

/** A telemetry row of `machine` produced `hoursAgo` hours ago, with a payload the size of the simulator's. */
function rowFrom(hoursAgo: number, machine = 'machine-01'): TelemetryRow {
  sequence += 1;
  const message = {
    schemaVersion: 1,
    messageId: `${machine}-${sequence}`,
    machineId: machine,
    site: 'plant-1',
    line: 'line-1',
    producedAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
    sequence,
    productId: `M${10_000 + sequence}`,
    type: 'M',
    readings: { airTemperatureK: 300.1, processTemperatureK: 310.2, rotationalSpeedRpm: 1503, torqueNm: 40.1, toolWearMin: 108 },
    outcome: { machineFailure: false, failureModes: [] },
  };
  const { messageId, machineId, site, line, producedAt } = message;
  return { messageId, machineId, site, line, sequence, producedAt, payload: JSON.stringify(message) };
}

/** A retention that runs only when a test asks (the timer's first run is an hour away). */
function onDemand(retention: Partial<TelemetryRetention>): { retention: TelemetryRetention } {
  return { retention: { ...defaultTelemetryRetention, intervalSeconds: 3600, ...retention } };
}

async function messageIds(store: TelemetryStore, rows: readonly TelemetryRow[]): Promise<string[]> {
  const kept: string[] = [];
  // insert() answers how many rows were new: a row still stored is not new again.
  for (const row of rows) if ((await store.insert([row])) === 0) kept.push(row.messageId);
  return kept;
}

describe('the embedded store\'s retention', () => {
  it('deletes the rows produced before the retention and the oldest beyond its row cap, and keeps the rest', async () => {
    const store = await openTelemetryStore('memory://', '', onDemand({ maxAgeHours: 24, maxRows: 3 }));
    const rows = [49, 25, 4, 3, 2, 1].map((hoursAgo) => rowFrom(hoursAgo));
    await store.insert(rows);
    expect(await store.applyRetention()).toEqual({ expired: 2, overCap: 1 });
    expect(await store.count()).toBe(3);
    expect(await messageIds(store, rows.slice(3))).toEqual(rows.slice(3).map((row) => row.messageId));
    await store.close();
  });

  it('prunes by itself every interval', async () => {
    const store = await openTelemetryStore('memory://', '', { retention: { maxAgeHours: 24, maxRows: 10, intervalSeconds: 0.05 } });
    await store.insert(Array.from({ length: 500 }, () => rowFrom(0)));
    await waitFor(async () => (await store.count()) === 10, () => 'the store to be pruned to 10 rows', 10_000);
    await store.close();
  });

  it('keeps its folder bounded while telemetry keeps coming', async () => {
    const directory = join(scratch, 'pglite');
    const store = await openTelemetryStore(undefined, directory, onDemand({ maxRows: 5000 }));
    const kilobytes = () => Number(execFileSync('du', ['-sk', directory], { encoding: 'utf8' }).split('\t')[0]);
    const sizes: number[] = [];
    for (let round = 0; round < 8; round += 1) {
      for (let batch = 0; batch < 5; batch += 1) await store.insert(Array.from({ length: 1000 }, (_, index) => rowFrom(0, `machine-${index % 10}`)));
      await store.applyRetention();
      sizes.push(kilobytes());
    }
    expect(await store.count()).toBe(5000);
    // Once the first deleted rows' space is reused and the WAL recycled, the folder stops growing.
    expect(Math.max(...sizes.slice(3)), `folder sizes in KB, round by round: ${sizes.join(', ')}`).toBeLessThanOrEqual(Math.max(sizes[1]!, sizes[2]!) * 1.02);
    await store.close();
  });

  it('deletes nothing from PostgreSQL, whose history the trainer reads', async () => {
    postgres = await startPostgres();
    const store = await openTelemetryStore(postgres.url, '', onDemand({ maxAgeHours: 1, maxRows: 1 }));
    await store.insert([rowFrom(48), rowFrom(0)]);
    expect(await store.applyRetention()).toEqual({ expired: 0, overCap: 0 });
    expect(await store.count()).toBe(2);
    await store.close();
  });
});
