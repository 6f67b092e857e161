/**
 * The socket edge of the WAN link: one listener per route, each accepted client proxied to its
 * route's upstream through the shared `LinkConditions`. Everything that decides timing lives in
 * the pure files; this file only wires sockets, clocks and the seed.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { LinkConditions } from './link-conditions.ts';
import type { LinkEvent } from './link-events.ts';
import { wanProfile, type WanProfile, type WanProfileName } from './profiles.ts';
import { ProxiedConnection } from './proxied-connection.ts';
import { createRouteCounters, snapshotRouteCounters, type LiveRouteCounters, type RouteCounters } from './route-counters.ts';
import { directions, type Direction, type ToxicPatch, type ToxicSettings } from './toxic-settings.ts';
import { resolveWanProxyOptions, type WanProxyOptions } from './wan-proxy-options.ts';
import type { HostPort, WanRoute } from './wan-route.ts';

/** A running link. */
export interface WanProxy {
  /** The routes with the ports actually bound. */
  readonly routes: readonly WanRoute[];
  /** The seed of jitter and random stalls (the one given, or the one drawn). */
  readonly seed: number;
  /** Where the route called `routeName` listens. */
  address(routeName: string): HostPort;
  toxics(direction: Direction): ToxicSettings;
  /** Changes toxics of one or both directions, for new and existing connections. */
  setToxics(direction: Direction | 'both', patch: ToxicPatch): void;
  /** Sets the link's shape in both directions; stalls and a cut stay as they are. */
  applyProfile(profile: WanProfileName | WanProfile): void;
  /** Cuts the link (nothing crosses, new connections wait) or brings it back. */
  setLinkDown(down: boolean): void;
  readonly isLinkDown: boolean;
  /** Destroys every open connection with an RST (a link flap); returns how many. */
  resetConnections(): number;
  /** A snapshot of the counters of every route, by route name. */
  counters(): Readonly<Record<string, RouteCounters>>;
  /** Every change made to the link, oldest first, with wall-clock timestamps. */
  events(): readonly LinkEvent[];
  /** Stops listening and destroys every connection; resolves when the listeners are closed. */
  close(): Promise<void>;
}

function listen(server: Server, route: WanRoute): Promise<HostPort> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(new Error(`route "${route.name}": cannot listen on ${route.listen.host}:${route.listen.port}: ${error.message}`, { cause: error }));
    server.once('error', onError);
    server.listen(route.listen.port, route.listen.host, () => {
      server.off('error', onError);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : route.listen.port;
      resolve({ host: route.listen.host, port });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) resolve();
    else server.close(() => resolve());
  });
}

/** Starts the link and listens on every route; rejects, listening on none, if any route cannot listen. */
export async function startWanProxy(options: WanProxyOptions): Promise<WanProxy> {
  const resolved = resolveWanProxyOptions(options, Math.floor(Math.random() * 2 ** 32));
  const link = new LinkConditions({ monotonicMs: () => performance.now(), wallMs: () => Date.now() }, resolved.seed);
  link.applyProfile(resolved.profile);
  const connections = new Set<ProxiedConnection>();
  let whenAllFinished: (() => void) | undefined;
  const counters = new Map<string, LiveRouteCounters>();
  const servers: Server[] = [];
  const boundRoutes: WanRoute[] = [];

  const accept = (client: Socket, route: WanRoute, routeCounters: LiveRouteCounters) => {
    const connection = new ProxiedConnection({
      client,
      upstream: route.upstream,
      link,
      counters: routeCounters,
      maxHeldBytes: resolved.maxHeldBytes,
      onFinished: (finished) => {
        connections.delete(finished);
        if (connections.size === 0) whenAllFinished?.();
      },
    });
    connections.add(connection);
  };

  try {
    for (const route of resolved.routes) {
      const routeCounters = createRouteCounters();
      counters.set(route.name, routeCounters);
      const server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (client) => accept(client, route, routeCounters));
      servers.push(server);
      boundRoutes.push({ ...route, listen: await listen(server, route) });
    }
  } catch (error) {
    await Promise.all(servers.map(closeServer));
    throw error;
  }

  return {
    routes: boundRoutes,
    seed: resolved.seed,
    address(routeName) {
      const route = boundRoutes.find((candidate) => candidate.name === routeName);
      if (!route) throw new Error(`no route "${routeName}": the link has ${boundRoutes.map((known) => `"${known.name}"`).join(', ')}`);
      return route.listen;
    },
    toxics: (direction) => link.toxics(direction),
    setToxics(direction, patch) {
      for (const target of direction === 'both' ? directions : [direction]) link.setToxics(target, patch);
    },
    applyProfile: (profile) => link.applyProfile(typeof profile === 'string' ? wanProfile(profile) : profile),
    setLinkDown: (down) => link.setDown(down),
    get isLinkDown() {
      return link.isDown;
    },
    resetConnections() {
      const open = [...connections];
      for (const connection of open) connection.reset();
      link.record({ kind: 'connections-reset', connections: open.length });
      return open.length;
    },
    counters: () => Object.fromEntries([...counters].map(([name, live]) => [name, snapshotRouteCounters(live)])),
    events: () => link.events(),
    async close() {
      const closing = servers.map(closeServer);
      // Resolve only once every socket has closed, so nothing of the proxy outlives close().
      const finishing = new Promise<void>((resolve) => {
        whenAllFinished = resolve;
        if (connections.size === 0) resolve();
      });
      for (const connection of [...connections]) connection.destroy();
      await Promise.all([...closing, finishing]);
    },
  };
}
