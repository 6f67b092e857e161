/**
 * What the feature store keeps per machine, and how it lies in a Redis hash. One hash per machine
 * under {@link featureKey}; its fields are prefixed by group so a reader can tell the model's
 * inputs from engineered features and provenance:
 *
 * ```
 * HGETALL millwright:features:mill-07
 * input.type             "L"          (each value is JSON: strings quoted, numbers bare)
 * input.torqueNm         41.3
 * engineered.powerW      6220.4
 * meta.messageId         "mill-07-1234"
 * meta.producedAt        "2024-05-01T12:00:00.000Z"
 * ```
 */

/** The latest features of one machine. */
export interface MachineFeatures {
  /** The model contract's inputs by name, e.g. `type`, `airTemperatureK` (what `POST /predict` takes). */
  readonly inputs: Readonly<Record<string, number | string>>;
  /** Engineered features by catalogue name, e.g. `powerW`. */
  readonly engineered: Readonly<Record<string, number>>;
  /** The telemetry message the features come from. */
  readonly messageId: string;
  /** When the machine produced that message (ISO 8601). */
  readonly producedAt: string;
}

/** The prefix of every feature-store key. */
export const featureKeyPrefix = 'millwright:features:';

/** The Redis key of a machine's latest features; the gateway writes it, the inference API reads it. */
export function featureKey(machineId: string): string {
  return `${featureKeyPrefix}${machineId}`;
}

const groups = { input: 'input.', engineered: 'engineered.', meta: 'meta.' } as const;

/** The hash fields of a machine's features, values JSON-encoded so numbers and strings stay apart. */
export function toHashFields(features: MachineFeatures): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(features.inputs)) fields[`${groups.input}${name}`] = JSON.stringify(value);
  for (const [name, value] of Object.entries(features.engineered)) fields[`${groups.engineered}${name}`] = JSON.stringify(value);
  fields[`${groups.meta}messageId`] = JSON.stringify(features.messageId);
  fields[`${groups.meta}producedAt`] = JSON.stringify(features.producedAt);
  return fields;
}

function decoded(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A machine's features from its hash fields, or undefined for an empty hash (an unknown or
 * expired machine). Fields of no known group, or whose value is not JSON of the right type, are
 * left out: a reader never fails on what a newer writer added.
 */
export function fromHashFields(fields: Readonly<Record<string, string>>): MachineFeatures | undefined {
  const names = Object.keys(fields);
  if (names.length === 0) return undefined;
  const inputs: Record<string, number | string> = {};
  const engineered: Record<string, number> = {};
  let messageId = '';
  let producedAt = '';
  for (const field of names) {
    const value = decoded(fields[field]!);
    if (field.startsWith(groups.input) && (typeof value === 'number' || typeof value === 'string')) inputs[field.slice(groups.input.length)] = value;
    else if (field.startsWith(groups.engineered) && typeof value === 'number') engineered[field.slice(groups.engineered.length)] = value;
    else if (field === `${groups.meta}messageId` && typeof value === 'string') messageId = value;
    else if (field === `${groups.meta}producedAt` && typeof value === 'string') producedAt = value;
  }
  return { inputs, engineered, messageId, producedAt };
}
