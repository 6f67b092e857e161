import { describe, expect, it } from 'vitest';
import { wanProfiles } from './profiles.ts';
import { resolveWanProxyOptions } from './wan-proxy-options.ts';

const route = { name: 'cloud-443', listen: { host: '127.0.0.1', port: 0 }, upstream: { host: '127.0.0.1', port: 8443 } };

describe('resolveWanProxyOptions', () => {
  it('pins the documented defaults: lan, the fallback seed, 1 MiB held per direction', () => {
    const resolved = resolveWanProxyOptions({ routes: [route] }, 77);
    expect(resolved.profile).toBe(wanProfiles.lan);
    expect(resolved.seed).toBe(77);
    expect(resolved.maxHeldBytes).toBe(1024 * 1024);
  });

  it('takes a profile by name or as data, and a given seed', () => {
    expect(resolveWanProxyOptions({ routes: [route], profile: 'degraded', seed: 5 }, 77)).toMatchObject({ profile: wanProfiles.degraded, seed: 5 });
  });

  it('reports every problem at once', () => {
    const options = {
      routes: [route, { ...route, listen: { host: '127.0.0.1', port: 70_000 }, upstream: { host: '127.0.0.1', port: 0 } }],
      maxHeldBytes: 1000,
      profile: 'moon' as 'lan',
    };
    expect(() => resolveWanProxyOptions(options, 1)).toThrow(
      [
        'invalid WAN proxy options:',
        '  routes[1] "cloud-443": the name is used by an earlier route; names must be unique',
        '  routes[1] "cloud-443".listen.port: got 70000, expected 0 (any free port) to 65535',
        '  routes[1] "cloud-443".upstream.port: got 0, expected 1 to 65535',
        '  maxHeldBytes: got 1000, expected an integer >= 131072 (two socket reads)',
        '  profile: unknown WAN profile "moon": expected one of lan, wan, degraded',
      ].join('\n'),
    );
    expect(() => resolveWanProxyOptions({ routes: [] }, 1)).toThrow('routes: the link needs at least one route');
  });
});
