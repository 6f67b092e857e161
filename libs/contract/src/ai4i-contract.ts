import { engineeredFeature } from './engineered-features.ts';
import { modelContractSchemaVersion, type ModelContract } from './model-contract.ts';

/**
 * The contract of the machine-failure models trained on AI4I 2020 style data (Matzka 2020,
 * UCI dataset 601, CC BY 4.0): the six measured variables as inputs, the three quantities the
 * failure rules are stated in as engineered features.
 *
 * The ranges bound what the model has seen, with margin: the published data spans air
 * 295.3–304.5 K, process 305.7–313.8 K, speed 1168–2886 rpm, torque 3.8–76.6 Nm and tool wear
 * 0–253 min (UCI dataset 601, summary statistics of the CSV); a request outside them asks the
 * model to extrapolate and is rejected instead.
 *
 * `type` is encoded as an ordinal (L 0, M 1, H 2): the variants are ordered by quality, and the
 * overstrain limit rises with it (11,000 / 12,000 / 13,000 min·Nm), so one split separates them.
 *
 * @param threshold - probability of `failure` at or above which a request is classified as one.
 * @default threshold 0.5
 * @throws RangeError when the threshold is not a probability.
 */
export function ai4iContract(threshold = 0.5): ModelContract {
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`threshold must be a probability between 0 and 1, got ${threshold}`);
  return {
    schemaVersion: modelContractSchemaVersion,
    name: 'ai4i-machine-failure',
    task: 'binary-classification',
    inputs: [
      { name: 'type', type: 'category', description: 'product quality variant: low, medium or high', categories: ['L', 'M', 'H'] },
      { name: 'airTemperatureK', type: 'number', unit: 'K', description: 'ambient air temperature', range: { min: 290, max: 320 } },
      { name: 'processTemperatureK', type: 'number', unit: 'K', description: 'process temperature', range: { min: 300, max: 330 } },
      { name: 'rotationalSpeedRpm', type: 'number', unit: 'rpm', description: 'spindle rotational speed', range: { min: 1000, max: 3000 } },
      { name: 'torqueNm', type: 'number', unit: 'Nm', description: 'spindle torque', range: { min: 0, max: 100 } },
      { name: 'toolWearMin', type: 'number', unit: 'min', description: 'minutes the current tool has been in use', range: { min: 0, max: 300 } },
    ],
    engineered: [engineeredFeature('temperatureDifferenceK'), engineeredFeature('powerW'), engineeredFeature('wearTorqueMinNm')],
    outputs: { classes: ['ok', 'failure'], positiveClass: 'failure', threshold },
    featureOrder: [
      'type',
      'airTemperatureK',
      'processTemperatureK',
      'rotationalSpeedRpm',
      'torqueNm',
      'toolWearMin',
      'temperatureDifferenceK',
      'powerW',
      'wearTorqueMinNm',
    ],
  };
}
