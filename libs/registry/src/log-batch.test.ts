import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logBatchLimits, normalizeLogBatch, splitLogBatch, type LogBatchChunk } from '@millwright/registry';
import { expectRegistryError } from './test-support/index.ts';

const batchOf = (metrics: number, params: number, tags: number, valueLength = 3): LogBatchChunk => ({
  metrics: Array.from({ length: metrics }, (_, i) => ({ key: `m${i}`, value: i, timestamp: i, step: 0 })),
  params: Array.from({ length: params }, (_, i) => ({ key: `p${i}`, value: 'v'.repeat(valueLength) })),
  tags: Array.from({ length: tags }, (_, i) => ({ key: `t${i}`, value: 'v'.repeat(valueLength) })),
});

const withinLimits = (chunk: LogBatchChunk): boolean =>
  chunk.metrics.length <= logBatchLimits.metrics &&
  chunk.params.length <= logBatchLimits.params &&
  chunk.tags.length <= logBatchLimits.tags &&
  chunk.metrics.length + chunk.params.length + chunk.tags.length <= logBatchLimits.total &&
  Buffer.byteLength(JSON.stringify({ run_id: 'x'.repeat(32), ...chunk })) <= logBatchLimits.bytes;

describe('logBatchLimits', () => {
  it('are the documented limits: 1000 metrics, 100 params, 100 tags, 1000 entities, 1 MB', () => {
    expect(logBatchLimits).toEqual({ metrics: 1000, params: 100, tags: 100, total: 1000, bytes: 1_000_000 });
  });
});

describe('splitLogBatch', () => {
  it('sends nothing for an empty batch', () => {
    expect(splitLogBatch(batchOf(0, 0, 0))).toEqual([]);
  });

  it('keeps a batch within the limits in one request', () => {
    expect(splitLogBatch(batchOf(900, 50, 50))).toEqual([batchOf(900, 50, 50)]);
  });

  it('splits 900 metrics, 50 params and 51 tags, the documented example of an invalid request', () => {
    const chunks = splitLogBatch(batchOf(900, 50, 51));
    expect(chunks).toHaveLength(2);
    expect(chunks.every(withinLimits)).toBe(true);
  });

  it('splits by size when long param and tag values would pass 1 MB', () => {
    const chunks = splitLogBatch(batchOf(0, 100, 100, 6000));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every(withinLimits)).toBe(true);
  });

  it('keeps every entity, in order, in requests that each respect every limit', () => {
    fc.assert(
      fc.property(fc.nat(3000), fc.nat(350), fc.nat(350), (metrics, params, tags) => {
        const batch = batchOf(metrics, params, tags);
        const chunks = splitLogBatch(batch);
        expect(chunks.every(withinLimits)).toBe(true);
        expect(chunks.flatMap((chunk) => chunk.metrics)).toEqual(batch.metrics);
        expect(chunks.flatMap((chunk) => chunk.params)).toEqual(batch.params);
        expect(chunks.flatMap((chunk) => chunk.tags)).toEqual(batch.tags);
      }),
      { numRuns: 40 },
    );
  });
});

describe('normalizeLogBatch', () => {
  it('stamps metrics with the given time and step 0 by default, and stringifies params', () => {
    expect(normalizeLogBatch({ metrics: { f1: 0.8 }, params: { trees: 12, balanced: false } }, 42)).toEqual({
      metrics: [{ key: 'f1', value: 0.8, timestamp: 42, step: 0 }],
      params: [
        { key: 'trees', value: '12' },
        { key: 'balanced', value: 'false' },
      ],
      tags: [],
    });
  });

  it.each([['a//b'], ['/leading'], ['trailing/'], ['../up'], ['semi;colon'], ['']])('refuses the metric key %j', async (key) => {
    await expectRegistryError(Promise.resolve().then(() => normalizeLogBatch({ metrics: { [key]: 1 } }, 0)), 'INVALID_PARAMETER_VALUE');
  });

  it('accepts keys with letters, digits, "_", "-", ".", " ", ":" and "/"', () => {
    expect(() => normalizeLogBatch({ metrics: { 'recall/HDF: test-set_v2.1 ü': 1 } }, 0)).not.toThrow();
  });

  it('refuses infinite values, negative timestamps and fractional steps', async () => {
    await expectRegistryError(Promise.resolve().then(() => normalizeLogBatch({ metrics: { loss: Infinity } }, 0)), 'INVALID_PARAMETER_VALUE');
    await expectRegistryError(Promise.resolve().then(() => normalizeLogBatch({ metrics: [{ key: 'loss', value: 1, timestamp: -1 }] }, 0)), 'INVALID_PARAMETER_VALUE');
    await expectRegistryError(Promise.resolve().then(() => normalizeLogBatch({ metrics: [{ key: 'loss', value: 1, step: 0.5 }] }, 0)), 'INVALID_PARAMETER_VALUE');
  });

  it('refuses a key over 250 characters and a param value over 6000', async () => {
    await expectRegistryError(Promise.resolve().then(() => normalizeLogBatch({ params: { ['k'.repeat(251)]: 'v' } }, 0)), 'INVALID_PARAMETER_VALUE');
    await expectRegistryError(Promise.resolve().then(() => normalizeLogBatch({ params: { k: 'v'.repeat(6001) } }, 0)), 'INVALID_PARAMETER_VALUE');
  });
});
