import { describe, expect, it } from 'vitest';
import { applyToxicPatch, noToxics } from './toxic-settings.ts';

describe('applyToxicPatch', () => {
  it('pins the documented defaults: a direction without toxics', () => {
    expect(noToxics).toEqual({ latencyMs: 0, jitterMs: 0, stalled: false, slowCloseMs: 0 });
    expect(noToxics.kbitPerSecond).toBeUndefined();
    expect(noToxics.randomStalls).toBeUndefined();
  });

  it('changes only the fields in the patch, and clears a rate set to undefined', () => {
    const limited = applyToxicPatch(noToxics, { latencyMs: 40, kbitPerSecond: 1000 });
    expect(limited).toEqual({ ...noToxics, latencyMs: 40, kbitPerSecond: 1000 });
    expect(applyToxicPatch(limited, { kbitPerSecond: undefined }).kbitPerSecond).toBeUndefined();
  });

  it('names every field out of range at once', () => {
    expect(() => applyToxicPatch(noToxics, { latencyMs: -1, kbitPerSecond: 0, randomStalls: { perMinute: 2, durationMs: 0 } }, 'upstream toxics')).toThrow(
      [
        'upstream toxics.latencyMs: got -1, expected a finite number of milliseconds >= 0',
        'upstream toxics.kbitPerSecond: got 0, expected a rate > 0 (leave it undefined for an unlimited link)',
        'upstream toxics.randomStalls.durationMs: got 0, expected milliseconds > 0',
      ].join('\n'),
    );
  });
});
