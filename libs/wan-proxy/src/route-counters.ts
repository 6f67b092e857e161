/** Counters of one route, per direction, as the proxy keeps them and as it reports them. */
import type { Direction } from './toxic-settings.ts';

export interface DirectionCounters {
  /** Bytes written to the far side so far. */
  readonly bytesForwarded: number;
  /** Bytes read from the near side and not yet forwarded (delayed, stalled or held by a cut). */
  readonly bytesHeld: number;
  /** The highest `bytesHeld` seen. */
  readonly bytesHeldPeak: number;
}

export interface RouteCounters {
  readonly connectionsOpened: number;
  /** Accepted and not yet closed, including those waiting for the link. */
  readonly connectionsActive: number;
  /** Accepted while the link was down, not yet connected upstream. */
  readonly connectionsWaitingForLink: number;
  readonly upstream: DirectionCounters;
  readonly downstream: DirectionCounters;
}

type Mutable<T> = { -readonly [Key in keyof T]: T[Key] };

export type LiveDirectionCounters = Mutable<DirectionCounters>;

export interface LiveRouteCounters extends Mutable<Omit<RouteCounters, Direction>> {
  readonly upstream: LiveDirectionCounters;
  readonly downstream: LiveDirectionCounters;
}

export function createRouteCounters(): LiveRouteCounters {
  const direction = (): LiveDirectionCounters => ({ bytesForwarded: 0, bytesHeld: 0, bytesHeldPeak: 0 });
  return { connectionsOpened: 0, connectionsActive: 0, connectionsWaitingForLink: 0, upstream: direction(), downstream: direction() };
}

/** A copy that later traffic does not change. */
export function snapshotRouteCounters(live: LiveRouteCounters): RouteCounters {
  return { ...live, upstream: { ...live.upstream }, downstream: { ...live.downstream } };
}

export function holdBytes(counters: LiveDirectionCounters, bytes: number): void {
  counters.bytesHeld += bytes;
  counters.bytesHeldPeak = Math.max(counters.bytesHeldPeak, counters.bytesHeld);
}
