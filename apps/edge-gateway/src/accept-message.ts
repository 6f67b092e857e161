/**
 * What the gateway makes of one MQTT message, as a pure function of its topic and payload: a row
 * for raw_telemetry and the validated message, or the reason it goes to the dead-letter topic;
 * and the features the feature store keeps for a machine's newest message.
 */
import { ai4iContract, engineerFeatures, type FieldError } from '@millwright/contract';
import {
  maxTelemetryPayloadBytes,
  parseTelemetryMessage,
  parseTelemetryTopic,
  telemetryModelInput,
  type TelemetryMessageV1,
  type TelemetryModelInput,
} from '@millwright/factory';
import type { MachineFeatures } from '@millwright/feature-store';

/** One row of raw_telemetry. */
export interface TelemetryRow {
  readonly messageId: string;
  readonly machineId: string;
  readonly site: string;
  readonly line: string;
  readonly sequence: number;
  readonly producedAt: string;
  /** The message as received (validated JSON text), stored as jsonb. */
  readonly payload: string;
}

/** Why a message was dead-lettered: the `reason` label of gateway_dead_letters_total. */
export type RejectionReason = 'too_large' | 'not_utf8' | 'not_json' | 'unsupported_version' | 'invalid_fields' | 'topic_mismatch';

/**
 * A message the gateway ingests. Its features are not computed here: only each machine's newest
 * reading reaches the feature store, so the gateway derives them for that one (machineFeatures).
 */
export interface AcceptedMessage {
  readonly ok: true;
  readonly row: TelemetryRow;
  readonly message: TelemetryMessageV1;
}

/** A message the gateway dead-letters. */
export interface RejectedMessage {
  readonly ok: false;
  readonly reason: RejectionReason;
  readonly errors: readonly FieldError[];
}

/** The contract whose inputs and engineered features the feature store keeps (compiled once). */
const featureContract = ai4iContract();

function reasonOf(errors: readonly FieldError[]): RejectionReason {
  const first = errors[0];
  if (errors.length === 1 && first !== undefined) {
    if (first.field === 'schemaVersion') return 'unsupported_version';
    if (first.field === '(message)') {
      if (first.reason.includes(`at most ${maxTelemetryPayloadBytes} bytes`)) return 'too_large';
      if (first.reason.startsWith('is not valid UTF-8')) return 'not_utf8';
      return 'not_json';
    }
  }
  return 'invalid_fields';
}

/** The features the store keeps for the machine that sent `message`. */
export function machineFeatures(message: TelemetryMessageV1, input: TelemetryModelInput = telemetryModelInput(message)): MachineFeatures {
  return { inputs: input, engineered: engineerFeatures(featureContract, input), messageId: message.messageId, producedAt: message.producedAt };
}

/**
 * Validates a message (`parseTelemetryMessage`: size, UTF-8, JSON, version, fields, units) and
 * checks that it came on its own machine's topic, so one machine cannot write another's rows.
 */
export function acceptMessage(topic: string, payload: Uint8Array): AcceptedMessage | RejectedMessage {
  const parsed = parseTelemetryMessage(payload);
  if (!parsed.ok) return { ok: false, reason: reasonOf(parsed.errors), errors: parsed.errors };
  const message = parsed.value;
  const address = parseTelemetryTopic(topic);
  if (address === undefined || address.site !== message.site || address.line !== message.line || address.machine !== message.machineId) {
    const expected = `factory/${message.site}/${message.line}/${message.machineId}/telemetry`;
    return { ok: false, reason: 'topic_mismatch', errors: [{ field: '(topic)', reason: `the message of ${message.machineId} must arrive on ${expected}, got ${topic}` }] };
  }
  const row: TelemetryRow = {
    messageId: message.messageId,
    machineId: message.machineId,
    site: message.site,
    line: message.line,
    sequence: message.sequence,
    producedAt: message.producedAt,
    payload: Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'),
  };
  return { ok: true, row, message };
}
