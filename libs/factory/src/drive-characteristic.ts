/**
 * How fast the spindle turns under a given torque.
 *
 * The dataset description says the speed is "calculated from a power of 2860 W, overlaid with a
 * normally distributed noise" but gives no formula, and the literal reading ω = P / torque does
 * not reproduce the published data: 2860 W at the mean torque of 40 Nm is 683 rpm, while the
 * published mean speed is 1539 rpm (sd 179 rpm, UCI dataset 601 CSV), which at 40 Nm is about
 * 6.4 kW; and a pure 1/torque law sends the speed of the rare low-torque processes far beyond the
 * published maximum of 2886 rpm.
 *
 * We keep what the sentence does say — speed follows from a power limit, so it falls as torque
 * rises — in the usual characteristic of a spindle drive: speed-limited at light load,
 * power-limited at heavy load, 1/n = 1/n₀ + torque·(2π/60)/P, plus normal noise. n₀, P and the
 * noise are fitted to the published marginals (mean 1539 rpm, sd 179 rpm, 95 power failures in
 * 10,000 processes); the physics test (simulate-processes.physics.test.ts) pins them.
 */
export const driveCharacteristic = {
  /** The speed the drive approaches at no load, n₀. */
  noLoadSpeedRpm: 2650,
  /** The power limit P that bends speed down as torque rises (not the description's 2860 W, `ai4i2020.rotationalSpeed`; see above). */
  powerLimitW: 15_000,
  /** The sd of the normal noise on the speed. */
  speedNoiseSdRpm: 50,
} as const;

/**
 * The rotational speed, in rpm, at a torque, given a standard normal draw for the noise.
 * Never negative.
 */
export function rotationalSpeedRpm(torqueNm: number, standardNormal: number): number {
  const { noLoadSpeedRpm, powerLimitW, speedNoiseSdRpm } = driveCharacteristic;
  const meanSpeed = 1 / (1 / noLoadSpeedRpm + (torqueNm * ((2 * Math.PI) / 60)) / powerLimitW);
  return Math.max(0, meanSpeed + speedNoiseSdRpm * standardNormal);
}
