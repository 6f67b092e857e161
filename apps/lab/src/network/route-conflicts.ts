/**
 * Which routes of the root network namespace a lab's site subnets would collide with. A site
 * subnet that overlaps an existing route would make the root namespace (where the WAN proxy, the
 * DNS and the probes run) send some of that traffic to the wrong place, so the lab refuses to start.
 * Pure: reads the JSON of `ip -json -4 route show`.
 */
import { formatSubnet, parseSubnet, subnetsOverlap, type Ipv4Subnet } from './ipv4.ts';
import type { LabPlan } from './lab-plan.ts';

/** A route of the root namespace, as `ip -json route` lists it. */
export interface RootRoute {
  /** `default`, a CIDR block, or a single address (a /32). */
  readonly dst: string;
  readonly dev?: string;
}

/** The routes in the output of `ip -json -4 route show`. @throws Error when the text is not that JSON. */
export function parseRouteList(json: string): RootRoute[] {
  const parsed: unknown = JSON.parse(json.trim() === '' ? '[]' : json);
  if (!Array.isArray(parsed)) throw new Error(`ip -json route printed ${json.slice(0, 80)}, not a list of routes`);
  return parsed.flatMap((route: unknown) => {
    if (typeof route !== 'object' || route === null || !('dst' in route) || typeof route.dst !== 'string') return [];
    const dev = 'dev' in route && typeof route.dev === 'string' ? route.dev : undefined;
    return [{ dst: route.dst, ...(dev !== undefined && { dev }) }];
  });
}

/** The block a route covers; the default route covers everything, but every lab sits beside it by design. */
function routedSubnet(route: RootRoute): Ipv4Subnet | undefined {
  if (route.dst === 'default') return undefined;
  const subnet = parseSubnet(route.dst.includes('/') ? route.dst : `${route.dst}/32`);
  return typeof subnet === 'string' ? undefined : subnet;
}

/** A bridge named like a lab's (`<prefix>-br<n>`) is most likely a crashed lab's leftover. */
const labBridgePattern = /^([a-z][a-z0-9]{0,7})-br\d+$/;

/** One sentence per site subnet that overlaps a route, saying how to resolve it. */
export function routeConflicts(plan: LabPlan, routes: readonly RootRoute[]): string[] {
  return plan.sites.flatMap((site, index) =>
    routes.flatMap((route) => {
      const routed = routedSubnet(route);
      if (routed === undefined || !subnetsOverlap(routed, site.subnet)) return [];
      const device = route.dev ? ` dev ${route.dev}` : '';
      const leftover = labBridgePattern.exec(route.dev ?? '');
      const hint = leftover ? `; it looks like another lab's bridge: if that lab crashed, cleanLeftovers('${leftover[1]}') removes it` : '';
      return [
        `sites[${index}].subnet: ${formatSubnet(site.subnet)} (site "${site.name}") overlaps the route ${route.dst}${device} of the root network namespace; choose a subnet no route covers${hint}`,
      ];
    }),
  );
}
