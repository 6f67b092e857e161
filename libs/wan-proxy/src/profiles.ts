/**
 * The lab's named link profiles, as data. A profile sets the shape of the link in both directions
 * (latency is one-way, so the round trip of `wan` is about 80 ms); faults (stall, link down) are
 * not part of a profile and survive a profile change.
 */
import type { ToxicSettings } from './toxic-settings.ts';

export type WanProfileName = 'lan' | 'wan' | 'degraded';

/** The toxics a profile sets, in each direction. */
export type ProfileToxics = Omit<ToxicSettings, 'stalled'>;

export interface WanProfile {
  readonly name: WanProfileName;
  readonly description: string;
  readonly toxics: ProfileToxics;
}

export const wanProfiles: Readonly<Record<WanProfileName, WanProfile>> = {
  lan: { name: 'lan', description: 'no toxics: the sites as if on one LAN', toxics: { latencyMs: 0, jitterMs: 0, slowCloseMs: 0 } },
  wan: { name: 'wan', description: '40 ms ± 10 ms each way', toxics: { latencyMs: 40, jitterMs: 10, slowCloseMs: 0 } },
  degraded: {
    name: 'degraded',
    description: '150 ms ± 50 ms each way, with 1.5 s stalls about 4 times a minute',
    toxics: { latencyMs: 150, jitterMs: 50, slowCloseMs: 0, randomStalls: { perMinute: 4, durationMs: 1500 } },
  },
};

/** The profile called `name`, or an error listing the known names. */
export function wanProfile(name: string): WanProfile {
  if (Object.hasOwn(wanProfiles, name)) return wanProfiles[name as WanProfileName];
  throw new Error(`unknown WAN profile "${name}": expected one of ${Object.keys(wanProfiles).join(', ')}`);
}
