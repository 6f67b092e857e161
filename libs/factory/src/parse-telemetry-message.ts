import { describeValue, isPlainObject, type FieldError, type ValidationResult } from '@millwright/contract';
import { validateAgainstSchema } from './json-schema-subset.ts';
import { telemetryMessageSchema } from './telemetry-json-schema.ts';
import { telemetrySchemaVersion, type TelemetryMessageV1 } from './telemetry-message.ts';

/** The largest payload accepted: a v1 message is a few hundred bytes, so anything near this is not one. */
export const maxTelemetryPayloadBytes = 64 * 1024;

/** The field name of errors about the payload as a whole. */
const payloadField = '(message)';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The UTF-8 length of a string, counted without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}

function rejected(reason: string, field = payloadField): ValidationResult<TelemetryMessageV1> {
  return { ok: false, errors: [{ field, reason }] };
}

function decode(raw: string | Uint8Array): string | ValidationResult<TelemetryMessageV1> {
  const size = typeof raw === 'string' ? (raw.length > maxTelemetryPayloadBytes ? raw.length : utf8Length(raw)) : raw.byteLength;
  if (size > maxTelemetryPayloadBytes) return rejected(`is ${size} bytes; a telemetry message may be at most ${maxTelemetryPayloadBytes} bytes`);
  if (typeof raw === 'string') return raw;
  try {
    return utf8.decode(raw);
  } catch {
    return rejected('is not valid UTF-8 text');
  }
}

/**
 * Parses and validates one telemetry payload as it arrives from MQTT. Rejects payloads over
 * 64 KiB, invalid UTF-8, invalid JSON, unknown schema versions, missing or unknown fields, wrong
 * types or units, and numbers that are not finite (JSON's `1e999` parses to Infinity), with
 * every problem named by its path: `readings.torque.unit: must be "Nm", got "lbf ft"`.
 * Never throws.
 */
export function parseTelemetryMessage(raw: string | Uint8Array): ValidationResult<TelemetryMessageV1> {
  const text = decode(raw);
  if (typeof text !== 'string') return text;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return rejected(`is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isPlainObject(json)) return rejected(`must be a JSON object, got ${describeValue(json)}`);
  const version = json['schemaVersion'];
  if (version !== telemetrySchemaVersion) {
    const got = Object.hasOwn(json, 'schemaVersion') ? (typeof version === 'number' ? String(version) : describeValue(version)) : 'nothing';
    return rejected(`must be ${telemetrySchemaVersion}, the only telemetry version this parser reads; got ${got}`, 'schemaVersion');
  }
  const errors: FieldError[] = [];
  validateAgainstSchema(telemetryMessageSchema, json, '', errors);
  return errors.length === 0 ? { ok: true, value: json as unknown as TelemetryMessageV1 } : { ok: false, errors };
}
