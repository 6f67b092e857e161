import { defaultJsonSchemaDialect, jsonSchemaDialects, type JsonSchema, type JsonSchemaDialect } from '@millwright/contract';
import type { SchemaNode } from './json-schema-subset.ts';
import { productTypes } from './product-type.ts';
import { topicSegmentPattern } from './mqtt-topics.ts';
import { failureModeCodes, telemetrySchemaVersion } from './telemetry-message.ts';

function measurement(unit: string, bounds: Pick<SchemaNode, 'minimum' | 'exclusiveMinimum'>, description: string): SchemaNode {
  return {
    type: 'object',
    description,
    required: ['value', 'unit'],
    additionalProperties: false,
    properties: { value: { type: 'number', ...bounds }, unit: { type: 'string', const: unit } },
  };
}

const topicSegment = (what: string): SchemaNode => ({
  type: 'string',
  pattern: topicSegmentPattern,
  description: `a ${what} id of letters, digits, "_", "." or "-" (at most 64, starting with a letter or digit)`,
});

/**
 * The telemetry message, version 1, as the JSON Schema subset `parseTelemetryMessage` interprets.
 * Bounds are physical, not model ranges: kelvin above 0, speed and wear not negative; torque may
 * read negative (a drifting sensor does), and what a model accepts is the contract's business.
 */
export const telemetryMessageSchema: SchemaNode = {
  type: 'object',
  description: 'a telemetry message',
  required: ['schemaVersion', 'messageId', 'machineId', 'site', 'line', 'producedAt', 'sequence', 'productId', 'type', 'readings'],
  additionalProperties: false,
  properties: {
    schemaVersion: { type: 'integer', const: telemetrySchemaVersion },
    messageId: { type: 'string', minLength: 1, maxLength: 256 },
    machineId: topicSegment('machine'),
    site: topicSegment('site'),
    line: topicSegment('line'),
    producedAt: {
      type: 'string',
      pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,9})?(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)$',
      description: 'an ISO 8601 date-time with a time zone, e.g. 2024-05-01T12:00:00.000Z',
    },
    sequence: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    // Constrained like every other string of the message: a control character or a lone surrogate
    // would pass JSON.parse but not PostgreSQL's jsonb, and poison the gateway's whole batch.
    productId: topicSegment('product serial'),
    type: { type: 'string', enum: productTypes },
    readings: {
      type: 'object',
      description: 'the readings airTemperature, processTemperature, rotationalSpeed, torque and toolWear',
      required: ['airTemperature', 'processTemperature', 'rotationalSpeed', 'torque', 'toolWear'],
      additionalProperties: false,
      properties: {
        airTemperature: measurement('K', { exclusiveMinimum: 0 }, 'the air temperature { value, unit: "K" }'),
        processTemperature: measurement('K', { exclusiveMinimum: 0 }, 'the process temperature { value, unit: "K" }'),
        rotationalSpeed: measurement('rpm', { minimum: 0 }, 'the rotational speed { value, unit: "rpm" }'),
        torque: measurement('Nm', {}, 'the torque { value, unit: "Nm" }'),
        toolWear: measurement('min', { minimum: 0 }, 'the tool wear { value, unit: "min" }'),
      },
    },
    outcome: {
      type: 'object',
      description: 'the outcome { machineFailure, failureModes }',
      required: ['machineFailure', 'failureModes'],
      additionalProperties: false,
      properties: {
        machineFailure: { type: 'boolean' },
        failureModes: { type: 'array', items: { type: 'string', enum: failureModeCodes }, uniqueItems: true },
      },
    },
  },
};

/**
 * The telemetry message schema as a standalone JSON Schema document, for consumers outside this
 * code (a Node-RED flow, a Kafka schema registry, documentation).
 * @param dialect - the `$schema` it declares; @default 'draft-07'
 */
export function telemetryMessageJsonSchema(dialect: JsonSchemaDialect = defaultJsonSchemaDialect): JsonSchema {
  return { $schema: jsonSchemaDialects[dialect], title: `Millwright telemetry message v${telemetrySchemaVersion}`, ...telemetryMessageSchema };
}
