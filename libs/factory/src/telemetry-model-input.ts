import type { ProductType } from './product-type.ts';
import type { TelemetryMessageV1 } from './telemetry-message.ts';

/** A telemetry message's readings under the input names of the machine-failure model contract. */
export interface TelemetryModelInput {
  readonly type: ProductType;
  readonly airTemperatureK: number;
  readonly processTemperatureK: number;
  readonly rotationalSpeedRpm: number;
  readonly torqueNm: number;
  readonly toolWearMin: number;
  readonly [name: string]: number | string;
}

/**
 * The model inputs a validated telemetry message carries (the AI4I contract's input names): what
 * the feature store keeps per machine and `POST /predict` scores.
 */
export function telemetryModelInput(message: TelemetryMessageV1): TelemetryModelInput {
  const { readings } = message;
  return {
    type: message.type,
    airTemperatureK: readings.airTemperature.value,
    processTemperatureK: readings.processTemperature.value,
    rotationalSpeedRpm: readings.rotationalSpeed.value,
    torqueNm: readings.torque.value,
    toolWearMin: readings.toolWear.value,
  };
}
