import { describe, expect, it } from 'vitest';
import { MemoryFeatureStore } from './memory-feature-store.ts';

const features = (messageId: string) => ({ inputs: { torqueNm: 40 }, engineered: {}, messageId, producedAt: '2026-01-01T00:00:00.000Z' });

describe('MemoryFeatureStore', () => {
  it('keeps the last features per machine and lists its machines sorted, up to a limit', async () => {
    const store = new MemoryFeatureStore();
    await store.write([
      { machineId: 'mill-2', features: features('a') },
      { machineId: 'mill-1', features: features('b') },
      { machineId: 'mill-2', features: features('c') },
    ]);
    expect((await store.read('mill-2'))?.messageId).toBe('c');
    expect(await store.read('mill-9')).toBeUndefined();
    expect(await store.machineIds(10)).toEqual(['mill-1', 'mill-2']);
    expect(await store.machineIds(1)).toEqual(['mill-1']);
  });
});
