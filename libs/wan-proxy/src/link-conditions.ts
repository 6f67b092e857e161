/**
 * The state of the one WAN link every route shares: toxics per direction, whether the link is
 * down, the bandwidth buckets and the random-stall schedules. No I/O: time comes from the clock
 * it is given, and the connections ask it when each chunk may arrive and leave.
 */
import { chunkReleaseTime } from './release-schedule.ts';
import { createTokenBucket, changeRate, reserveBytes, type TokenBucket } from './token-bucket.ts';
import { isInside, nextStallWindow, stallWindowAt, type StallWindow } from './random-stalls.ts';
import { deriveSeed, seededRandom, type RandomSource } from './seeded-random.ts';
import { applyToxicPatch, directions, noToxics, type Direction, type ToxicPatch, type ToxicSettings } from './toxic-settings.ts';
import type { LinkChange, LinkEvent } from './link-events.ts';
import type { WanProfile } from './profiles.ts';

/** The two clocks the link reads: one for scheduling, one for the timestamps of its log. */
export interface LinkClock {
  /** Monotonic milliseconds (performance.now in the proxy). */
  readonly monotonicMs: () => number;
  /** Wall-clock milliseconds since the epoch (Date.now in the proxy). */
  readonly wallMs: () => number;
}

interface DirectionState {
  toxics: ToxicSettings;
  bucket?: TokenBucket;
  stallWindow?: StallWindow;
  readonly jitterRandom: RandomSource;
  readonly stallRandom: RandomSource;
}

/** `blockedUntil` answer for a block that only a change to the link lifts (down, stalled). */
export const untilChanged = Number.POSITIVE_INFINITY;

export class LinkConditions {
  private readonly state: Record<Direction, DirectionState>;
  private down = false;
  private readonly listeners = new Set<() => void>();
  private readonly log: LinkEvent[] = [];

  constructor(
    private readonly clock: LinkClock,
    seed: number,
  ) {
    const directionState = (stream: number): DirectionState => ({
      toxics: noToxics,
      jitterRandom: seededRandom(deriveSeed(seed, stream)),
      stallRandom: seededRandom(deriveSeed(seed, stream + 2)),
    });
    this.state = { upstream: directionState(0), downstream: directionState(1) };
  }

  now(): number {
    return this.clock.monotonicMs();
  }

  get isDown(): boolean {
    return this.down;
  }

  toxics(direction: Direction): ToxicSettings {
    return this.state[direction].toxics;
  }

  events(): readonly LinkEvent[] {
    return [...this.log];
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Changes the toxics of a direction (validated first, so a bad patch changes nothing). */
  setToxics(direction: Direction, patch: ToxicPatch): void {
    const target = this.state[direction];
    const toxics = applyToxicPatch(target.toxics, patch, `${direction} toxics`);
    this.install(direction, toxics);
    this.record({ kind: 'toxics', direction, toxics });
    this.notify();
  }

  /** Sets the shape of both directions from `profile`; a stall set by hand stays. */
  applyProfile(profile: WanProfile): void {
    const installed = directions.map((direction) => {
      const { stalled } = this.state[direction].toxics;
      return { direction, toxics: applyToxicPatch({ ...noToxics, stalled }, profile.toxics, `profile ${profile.name}`) };
    });
    this.record({ kind: 'profile', profile: profile.name });
    for (const { direction, toxics } of installed) {
      this.install(direction, toxics);
      this.record({ kind: 'toxics', direction, toxics });
    }
    this.notify();
  }

  setDown(down: boolean): void {
    if (down === this.down) return;
    this.down = down;
    this.record({ kind: down ? 'link-down' : 'link-up' });
    this.notify();
  }

  /** Records a fault applied by the proxy itself (a reset of every connection). */
  record(change: LinkChange): void {
    this.log.push({ atMs: this.clock.wallMs(), ...change });
  }

  /** When a chunk (or FIN) arriving now may leave, given the one before it. */
  releaseTime(direction: Direction, previousReleaseAtMs: number, extraDelayMs = 0): number {
    const target = this.state[direction];
    const { latencyMs, jitterMs } = target.toxics;
    const random = jitterMs > 0 ? target.jitterRandom() : 0.5;
    const release = chunkReleaseTime({ arrivedAtMs: this.now(), previousReleaseAtMs, latencyMs, jitterMs, random });
    return release + extraDelayMs;
  }

  /**
   * Until when nothing may cross in `direction`: `untilChanged` while the link is down or the
   * direction stalled, the end of a random stall while inside one, undefined when open.
   */
  blockedUntil(direction: Direction): number | undefined {
    if (this.down) return untilChanged;
    const target = this.state[direction];
    if (target.toxics.stalled) return untilChanged;
    const stalls = target.toxics.randomStalls;
    if (!stalls || !target.stallWindow) return undefined;
    const nowMs = this.now();
    target.stallWindow = stallWindowAt(target.stallWindow, nowMs, stalls, target.stallRandom);
    return isInside(target.stallWindow, nowMs) ? target.stallWindow.endMs : undefined;
  }

  /** Whether `direction` has a rate limit now. */
  isRateLimited(direction: Direction): boolean {
    return this.state[direction].bucket !== undefined;
  }

  /** Reserves `bytes` of the direction's bandwidth; returns when they may be sent. */
  reserveBandwidth(direction: Direction, bytes: number): number {
    const target = this.state[direction];
    const nowMs = this.now();
    if (!target.bucket) return nowMs;
    const reservation = reserveBytes(target.bucket, nowMs, bytes);
    target.bucket = reservation.bucket;
    return reservation.sendAtMs;
  }

  private install(direction: Direction, toxics: ToxicSettings): void {
    const target = this.state[direction];
    const nowMs = this.now();
    const previous = target.toxics;
    target.toxics = toxics;
    if (toxics.kbitPerSecond === undefined) target.bucket = undefined;
    else if (!target.bucket) target.bucket = createTokenBucket(toxics.kbitPerSecond, nowMs);
    else if (toxics.kbitPerSecond !== previous.kbitPerSecond) target.bucket = changeRate(target.bucket, toxics.kbitPerSecond, nowMs);
    if (!toxics.randomStalls) target.stallWindow = undefined;
    else if (!target.stallWindow || previous.randomStalls !== toxics.randomStalls) {
      target.stallWindow = nextStallWindow(nowMs, toxics.randomStalls, target.stallRandom);
    }
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
