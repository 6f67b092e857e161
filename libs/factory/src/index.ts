export { ai4i2020 } from './ai4i-2020.ts';
export { ai4iPublishedColumns } from './ai4i-column-names.ts';
export {
  checkDriftScenario,
  driftEffectsAt,
  type Drift,
  type DriftEffects,
  type DriftScenario,
  type FasterToolWearDrift,
  type HeatWaveDrift,
  type SensorOffsetDrift,
} from './drift-scenario.ts';
export { driveCharacteristic, rotationalSpeedRpm } from './drive-characteristic.ts';
export {
  failureModes,
  isHeatDissipationFailure,
  isMachineFailure,
  isOverstrainFailure,
  isPowerFailure,
  isRandomFailure,
  isToolWearFailure,
  type FailureDraws,
  type FailureInputs,
} from './failure-modes.ts';
export { createMachine, type Machine, type MachineProps } from './machine.ts';
export {
  alertLevel,
  alertTopic,
  parseTelemetryTopic,
  telemetryLevel,
  telemetryTopic,
  telemetryTopicFilter,
  topicRoot,
  topicSegmentPattern,
  type MachineAddress,
} from './mqtt-topics.ts';
export { maxTelemetryPayloadBytes, parseTelemetryMessage } from './parse-telemetry-message.ts';
export { readingNames, type FailureModes, type ProcessReadings, type ProcessRecord, type ReadingName } from './process-record.ts';
export { drawProductType, isProductType, productTypes, type ProductType } from './product-type.ts';
export { createSeededRandom, type SeededRandom } from './seeded-random.ts';
export { simulateProcesses, type SimulationProps } from './simulate-processes.ts';
export { telemetryMessageJsonSchema } from './telemetry-json-schema.ts';
export {
  failureModeCodes,
  telemetrySchemaVersion,
  type FailureModeCode,
  type Measurement,
  type ProcessOutcome,
  type TelemetryMessageV1,
  type TelemetryReadings,
} from './telemetry-message.ts';
export {
  airTemperatureWalk,
  createTemperatureWalk,
  normaliseSeries,
  processTemperatureRiseWalk,
  temperatureWalkSeries,
  type TemperatureWalkShape,
} from './temperature-walk.ts';
export { toTelemetryMessage, type TelemetrySource } from './to-telemetry-message.ts';
export { telemetryModelInput, type TelemetryModelInput } from './telemetry-model-input.ts';
