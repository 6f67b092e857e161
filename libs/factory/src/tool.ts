import { ai4i2020 } from './ai4i-2020.ts';
import type { SeededRandom } from './seeded-random.ts';

/** The cutting tool in the spindle: its wear so far and how its life will end. */
export interface Tool {
  /** Minutes of use so far. */
  readonly wearMin: number;
  /** The wear at which its life ends: drawn uniformly between 200 and 240 min. */
  readonly lifeMin: number;
  /** Whether it fails at the end of its life (a TWF) rather than being replaced in time. */
  readonly failsAtEndOfLife: boolean;
}

/**
 * A fresh tool. Its life ends at "a randomly selected tool wear time between 200 – 240 mins",
 * where "the tool is replaced 69 times, and fails 51 times (randomly assigned)" of 120 (dataset
 * description): it fails with probability 51/120.
 */
export function newTool(random: SeededRandom): Tool {
  const { minLifeMin, maxLifeMin, failures, endsOfLife } = ai4i2020.toolWearFailure;
  return {
    wearMin: 0,
    lifeMin: minLifeMin + (maxLifeMin - minLifeMin) * random.uniform(),
    failsAtEndOfLife: random.uniform() < failures / endsOfLife,
  };
}

/** The tool after one more process that wore it by `wearMin`. */
export function wearTool(tool: Tool, wearMin: number): Tool {
  return { ...tool, wearMin: tool.wearMin + wearMin };
}
