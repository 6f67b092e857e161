import { describe, expect, it } from 'vitest';
import { planLab } from './lab-plan.ts';
import { parseRouteList, routeConflicts } from './route-conflicts.ts';

const ipJson = JSON.stringify([
  { dst: 'default', gateway: '192.0.2.1', dev: 'eth0', flags: [] },
  { dst: '192.0.2.0/24', dev: 'eth0', protocol: 'kernel', scope: 'link', prefsrc: '192.0.2.2', flags: [] },
  { dst: '10.213.0.0/16', dev: 'tun0', flags: [] },
  { dst: '10.213.2.9', dev: 'mwold-br1', flags: [] },
]);

describe('route conflicts', () => {
  it('reads the routes of ip -json -4 route show, and an empty output as no routes', () => {
    expect(parseRouteList(ipJson).map((route) => route.dst)).toEqual(['default', '192.0.2.0/24', '10.213.0.0/16', '10.213.2.9']);
    expect(parseRouteList('')).toEqual([]);
  });

  it('ignores the default route and routes beside the sites', () => {
    const plan = planLab({ sites: [{ name: 'edge', subnet: '10.214.1.0/24' }] });
    expect(routeConflicts(plan, parseRouteList(ipJson))).toEqual([]);
  });

  it('names each site whose subnet overlaps a route, and points at cleanLeftovers for a lab bridge', () => {
    expect(routeConflicts(planLab({}), parseRouteList(ipJson))).toEqual([
      'sites[0].subnet: 10.213.1.0/24 (site "edge") overlaps the route 10.213.0.0/16 dev tun0 of the root network namespace; choose a subnet no route covers',
      'sites[1].subnet: 10.213.2.0/24 (site "cloud") overlaps the route 10.213.0.0/16 dev tun0 of the root network namespace; choose a subnet no route covers',
      "sites[1].subnet: 10.213.2.0/24 (site \"cloud\") overlaps the route 10.213.2.9 dev mwold-br1 of the root network namespace; choose a subnet no route covers; it looks like another lab's bridge: if that lab crashed, cleanLeftovers('mwold') removes it",
    ]);
  });
});
