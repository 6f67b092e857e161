/**
 * The numbers of the AI4I 2020 Predictive Maintenance Dataset description (S. Matzka, "Explainable
 * Artificial Intelligence for Predictive Maintenance Applications", AI4I 2020; UCI Machine
 * Learning Repository, dataset 601, CC BY 4.0:
 * https://archive.ics.uci.edu/dataset/601/ai4i+2020+predictive+maintenance+dataset).
 * Each entry quotes the sentence of the description it comes from. The simulator reads them
 * from here and nowhere else.
 */
export const ai4i2020 = {
  /** "L, M, or H for low (50% of all products), medium (30%) and high (20%)". */
  productTypeShares: { L: 0.5, M: 0.3, H: 0.2 },
  /** "generated using a random walk process later normalized to a standard deviation of 2 K around 300 K". */
  airTemperature: { meanK: 300, sdK: 2 },
  /** "generated using a random walk process normalized to a standard deviation of 1 K, added to the air temperature plus 10 K". */
  processTemperature: { aboveAirK: 10, sdK: 1 },
  /** "calculated from a power of 2860 W, overlaid with a normally distributed noise" (see drive-characteristic.ts). */
  rotationalSpeed: { powerW: 2860 },
  /** "normally distributed around 40 Nm with a SD = 10 Nm and no negative values". */
  torque: { meanNm: 40, sdNm: 10 },
  /** "The quality variants H/M/L add 5/3/2 minutes of tool wear to the used tool in the process". */
  toolWearPerProcessMin: { L: 2, M: 3, H: 5 },
  /**
   * TWF: "the tool will be replaced of fail at a randomly selected tool wear time between
   * 200 – 240 mins (120 times in our dataset). At this point in time, the tool is replaced 69
   * times, and fails 51 times (randomly assigned)."
   */
  toolWearFailure: { minLifeMin: 200, maxLifeMin: 240, endsOfLife: 120, failures: 51 },
  /** HDF: "if the difference between air- and process temperature is below 8.6 K and the tools rotational speed is below 1380 rpm". */
  heatDissipationFailure: { belowTemperatureDifferenceK: 8.6, belowRotationalSpeedRpm: 1380 },
  /** PWF: "If this power is below 3500 W or above 9000 W, the process fails". */
  powerFailure: { belowPowerW: 3500, abovePowerW: 9000 },
  /** OSF: "if the product of tool wear and torque exceeds 11,000 minNm for the L product variant (12,000 M, 13,000 H)". */
  overstrainFailure: { aboveWearTorqueMinNm: { L: 11_000, M: 12_000, H: 13_000 } },
  /** RNF: "each process has a chance of 0,1 % to fail regardless of its process parameters". */
  randomFailure: { probability: 0.001 },
} as const;
