import { describe, expect, it } from 'vitest';
import { wanProfile, wanProfiles } from './profiles.ts';

describe('WAN profiles', () => {
  it('makes lan a link without toxics', () => {
    expect(wanProfiles.lan.toxics).toEqual({ latencyMs: 0, jitterMs: 0, slowCloseMs: 0 });
  });

  it('makes wan 40 ms ± 10 ms each way without a rate limit or stalls', () => {
    expect(wanProfiles.wan.toxics).toEqual({ latencyMs: 40, jitterMs: 10, slowCloseMs: 0 });
  });

  it('makes degraded 150 ms ± 50 ms each way with random stalls', () => {
    expect(wanProfiles.degraded.toxics).toMatchObject({ latencyMs: 150, jitterMs: 50, randomStalls: { perMinute: 4, durationMs: 1500 } });
  });

  it('finds a profile by name and names the known ones for an unknown name', () => {
    expect(wanProfile('wan').name).toBe('wan');
    expect(() => wanProfile('satellite')).toThrow('unknown WAN profile "satellite": expected one of lan, wan, degraded');
  });
});
