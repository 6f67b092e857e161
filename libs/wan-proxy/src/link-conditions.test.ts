import { describe, expect, it } from 'vitest';
import { LinkConditions, untilChanged } from './link-conditions.ts';
import { wanProfiles } from './profiles.ts';

function fakeLink(seed = 1) {
  const clock = { now: 0 };
  const link = new LinkConditions({ monotonicMs: () => clock.now, wallMs: () => 1_700_000_000_000 + clock.now }, seed);
  return { clock, link };
}

describe('LinkConditions', () => {
  it('blocks both directions until changed while the link is down, and only the stalled one while stalled', () => {
    const { link } = fakeLink();
    link.setDown(true);
    expect([link.blockedUntil('upstream'), link.blockedUntil('downstream')]).toEqual([untilChanged, untilChanged]);
    link.setDown(false);
    link.setToxics('downstream', { stalled: true });
    expect([link.blockedUntil('upstream'), link.blockedUntil('downstream')]).toEqual([undefined, untilChanged]);
  });

  it('blocks until the end of a random stall while inside one, and not between stalls', () => {
    const { clock, link } = fakeLink();
    link.setToxics('upstream', { randomStalls: { perMinute: 60, durationMs: 500 } });
    const seen = new Set<string>();
    for (clock.now = 0; clock.now < 20_000; clock.now += 50) {
      const until = link.blockedUntil('upstream');
      seen.add(until === undefined ? 'open' : 'stalled');
      if (until !== undefined) expect(until).toBeGreaterThan(clock.now);
      if (until !== undefined) expect(until - clock.now).toBeLessThanOrEqual(500);
    }
    expect(seen).toEqual(new Set(['open', 'stalled']));
  });

  it('replays the same jitter from the same seed', () => {
    const releases = (seed: number) => {
      const { link } = fakeLink(seed);
      link.setToxics('upstream', { latencyMs: 100, jitterMs: 50 });
      return Array.from({ length: 20 }, () => link.releaseTime('upstream', 0));
    };
    expect(releases(3)).toEqual(releases(3));
    expect(releases(3)).not.toEqual(releases(4));
    expect(releases(3).every((release) => release >= 50 && release <= 150)).toBe(true);
  });

  it('shares one bandwidth bucket between all connections of a direction', () => {
    const { link } = fakeLink();
    link.setToxics('upstream', { kbitPerSecond: 8000 }); // 1000 bytes/ms, 16 KiB burst
    const first = link.reserveBandwidth('upstream', 16 * 1024);
    const second = link.reserveBandwidth('upstream', 10_000);
    expect(first).toBe(0);
    expect(second).toBeCloseTo(10);
    expect(link.reserveBandwidth('downstream', 1_000_000)).toBe(0);
  });

  it('keeps a hand-set stall through a profile change', () => {
    const { link } = fakeLink();
    link.setToxics('upstream', { stalled: true, kbitPerSecond: 100 });
    link.applyProfile(wanProfiles.wan);
    expect(link.toxics('upstream')).toEqual({ latencyMs: 40, jitterMs: 10, slowCloseMs: 0, stalled: true });
    expect(link.isRateLimited('upstream')).toBe(false);
  });

  it('logs every change with its wall-clock time and tells listeners', () => {
    const { clock, link } = fakeLink();
    let changes = 0;
    const stop = link.onChange(() => (changes += 1));
    clock.now = 10;
    link.setDown(true);
    link.setDown(true);
    clock.now = 20;
    link.setToxics('downstream', { latencyMs: 5 });
    stop();
    link.setDown(false);
    expect(changes).toBe(2);
    expect(link.events()).toEqual([
      { atMs: 1_700_000_000_010, kind: 'link-down' },
      { atMs: 1_700_000_000_020, kind: 'toxics', direction: 'downstream', toxics: { latencyMs: 5, jitterMs: 0, slowCloseMs: 0, stalled: false } },
      { atMs: 1_700_000_000_020, kind: 'link-up' },
    ]);
  });

  it('changes nothing when a patch is invalid', () => {
    const { link } = fakeLink();
    expect(() => link.setToxics('upstream', { latencyMs: 10, jitterMs: Number.NaN })).toThrow('upstream toxics.jitterMs: got NaN');
    expect(link.toxics('upstream').latencyMs).toBe(0);
    expect(link.events()).toEqual([]);
  });
});
