/** The options of `startWanProxy`, their defaults (applied here only) and their validation. */
import { largestReadBytes } from './direction-pipe.ts';
import { wanProfile, type WanProfile, type WanProfileName } from './profiles.ts';
import type { WanRoute } from './wan-route.ts';

export interface WanProxyOptions {
  /** The routes of the link; every one shares the link's toxics and bandwidth. */
  readonly routes: readonly WanRoute[];
  /** The link's shape at start. @default 'lan' */
  readonly profile?: WanProfileName | WanProfile;
  /** Seeds jitter and random stalls, so a run can be replayed. @default a random seed (reported by the handle) */
  readonly seed?: number;
  /**
   * Bytes one connection may hold per direction before its sender is paused; at least 128 KiB,
   * as one socket read brings up to 64 KiB. @default 1 MiB
   */
  readonly maxHeldBytes?: number;
}

export interface ResolvedWanProxyOptions {
  readonly routes: readonly WanRoute[];
  readonly profile: WanProfile;
  readonly seed: number;
  readonly maxHeldBytes: number;
}

export const defaultMaxHeldBytes = 1024 * 1024;
const smallestMaxHeldBytes = 2 * largestReadBytes;

function isPort(port: number, allowZero: boolean): boolean {
  return Number.isInteger(port) && port >= (allowZero ? 0 : 1) && port <= 65_535;
}

function routeProblems(routes: readonly WanRoute[]): string[] {
  if (routes.length === 0) return ['routes: the link needs at least one route'];
  const problems: string[] = [];
  const seen = new Set<string>();
  routes.forEach((route, index) => {
    const where = `routes[${index}] "${route.name}"`;
    if (route.name.trim() === '') problems.push(`routes[${index}].name: a route needs a name`);
    if (seen.has(route.name)) problems.push(`${where}: the name is used by an earlier route; names must be unique`);
    seen.add(route.name);
    if (!isPort(route.listen.port, true)) problems.push(`${where}.listen.port: got ${route.listen.port}, expected 0 (any free port) to 65535`);
    if (!isPort(route.upstream.port, false)) problems.push(`${where}.upstream.port: got ${route.upstream.port}, expected 1 to 65535`);
  });
  return problems;
}

/** Applies the defaults; throws one error listing every problem. `fallbackSeed` is the edge's random seed. */
export function resolveWanProxyOptions(options: WanProxyOptions, fallbackSeed: number): ResolvedWanProxyOptions {
  const problems = routeProblems(options.routes);
  const maxHeldBytes = options.maxHeldBytes ?? defaultMaxHeldBytes;
  if (!(Number.isInteger(maxHeldBytes) && maxHeldBytes >= smallestMaxHeldBytes)) {
    problems.push(`maxHeldBytes: got ${maxHeldBytes}, expected an integer >= ${smallestMaxHeldBytes} (two socket reads)`);
  }
  let profile: WanProfile | undefined;
  try {
    const requested = options.profile ?? 'lan';
    profile = typeof requested === 'string' ? wanProfile(requested) : requested;
  } catch (error) {
    problems.push(`profile: ${(error as Error).message}`);
  }
  if (problems.length > 0 || !profile) throw new Error(`invalid WAN proxy options:\n  ${problems.join('\n  ')}`);
  return { routes: options.routes, profile, seed: options.seed ?? fallbackSeed, maxHeldBytes };
}
