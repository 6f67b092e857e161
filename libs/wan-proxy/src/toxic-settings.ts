/**
 * What the simulated WAN does to the bytes of one direction. Plain data: the link reads these
 * when a chunk arrives (latency) and when it is about to leave (stall, bandwidth), so a change
 * reaches new and existing connections alike.
 */

/** `upstream` carries client -> server bytes (edge -> cloud for a cloud service); `downstream` the replies. */
export type Direction = 'upstream' | 'downstream';

/** Both directions, in the order reports list them. */
export const directions: readonly Direction[] = ['upstream', 'downstream'];

/** Random stalls of a degraded link: on average `perMinute` times a minute, each `durationMs` long. */
export interface RandomStalls {
  readonly perMinute: number;
  readonly durationMs: number;
}

/** The toxics of one direction. */
export interface ToxicSettings {
  /** One-way delay added to every chunk, in milliseconds. @default 0 */
  readonly latencyMs: number;
  /** Each chunk's delay is `latencyMs` ± up to `jitterMs`, uniformly. @default 0 */
  readonly jitterMs: number;
  /** Rate of the direction, shared by every connection of the link; `undefined` is unlimited. @default undefined */
  readonly kbitPerSecond?: number;
  /** Holds every byte (Toxiproxy's timeout toxic, without the close) until set back to false. @default false */
  readonly stalled: boolean;
  /** Seeded random stalls of a degraded link; `undefined` is none. @default undefined */
  readonly randomStalls?: RandomStalls;
  /** Extra delay before a FIN is forwarded (Toxiproxy's slow_close). @default 0 */
  readonly slowCloseMs: number;
}

/** A change to some toxics of a direction; a key present with `undefined` clears an optional toxic. */
export type ToxicPatch = Partial<ToxicSettings>;

/** A direction that does nothing to its bytes. */
export const noToxics: ToxicSettings = { latencyMs: 0, jitterMs: 0, stalled: false, slowCloseMs: 0 };

const nonNegativeFields = ['latencyMs', 'jitterMs', 'slowCloseMs'] as const;

/**
 * Applies `patch` to `current`, or throws naming every field that is out of range (all at once),
 * so a bad setting never reaches a running link half-applied.
 */
export function applyToxicPatch(current: ToxicSettings, patch: ToxicPatch, where = 'toxics'): ToxicSettings {
  const problems: string[] = [];
  for (const field of nonNegativeFields) {
    const value = patch[field];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      problems.push(`${where}.${field}: got ${value}, expected a finite number of milliseconds >= 0`);
    }
  }
  const rate = patch.kbitPerSecond;
  if (rate !== undefined && !(Number.isFinite(rate) && rate > 0)) {
    problems.push(`${where}.kbitPerSecond: got ${rate}, expected a rate > 0 (leave it undefined for an unlimited link)`);
  }
  const stalls = patch.randomStalls;
  if (stalls !== undefined) {
    if (!(Number.isFinite(stalls.perMinute) && stalls.perMinute > 0)) {
      problems.push(`${where}.randomStalls.perMinute: got ${stalls.perMinute}, expected a rate > 0`);
    }
    if (!(Number.isFinite(stalls.durationMs) && stalls.durationMs > 0)) {
      problems.push(`${where}.randomStalls.durationMs: got ${stalls.durationMs}, expected milliseconds > 0`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return { ...current, ...patch };
}
