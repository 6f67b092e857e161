/**
 * Windows of a degraded link's random stalls. Stalls start as a Poisson process (exponential gaps
 * with mean 60 s / perMinute), so "4 a minute" means 4 on average, at unpredictable moments, and
 * the same seed replays the same moments.
 */
import type { RandomStalls } from './toxic-settings.ts';
import type { RandomSource } from './seeded-random.ts';

export interface StallWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/** The next stall after `afterMs`. */
export function nextStallWindow(afterMs: number, stalls: RandomStalls, random: RandomSource): StallWindow {
  const meanGapMs = 60_000 / stalls.perMinute;
  const gapMs = -Math.log(1 - random()) * meanGapMs;
  const startMs = afterMs + gapMs;
  return { startMs, endMs: startMs + stalls.durationMs };
}

/**
 * The window that is current or next at `nowMs`, moving on from `window`. After a long idle
 * period it draws afresh from `nowMs` instead of replaying every missed window: the process is
 * memoryless, so both give the same distribution, and this one costs one draw.
 */
export function stallWindowAt(window: StallWindow, nowMs: number, stalls: RandomStalls, random: RandomSource): StallWindow {
  let current = window;
  const skipAheadAfterMs = 100 * (60_000 / stalls.perMinute + stalls.durationMs);
  if (nowMs - current.endMs > skipAheadAfterMs) current = nextStallWindow(nowMs, stalls, random);
  while (current.endMs <= nowMs) current = nextStallWindow(current.endMs, stalls, random);
  return current;
}

/** Whether `nowMs` falls inside `window`. */
export function isInside(window: StallWindow, nowMs: number): boolean {
  return window.startMs <= nowMs && nowMs < window.endMs;
}
