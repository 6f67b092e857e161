/**
 * The dead-letter topic: what the gateway cannot ingest is republished to `dead-letter/<original
 * topic>` (the prefix the broker ACL grants the gateway, libs/platform mosquitto.ts), as a JSON
 * envelope saying why, so an operator can see and replay it. The original payload travels inside,
 * cut to {@link deadLetterPayloadLimit} bytes so a huge message does not become a huge dead letter.
 */
import type { FieldError } from '@millwright/contract';
import type { RejectionReason } from './accept-message.ts';

/** The first level of every dead-letter topic. */
export const deadLetterPrefix = 'dead-letter';

/** The most payload bytes a dead letter carries. */
export const deadLetterPayloadLimit = 4096;

/** `dead-letter/<topic>`. */
export function deadLetterTopic(topic: string): string {
  return `${deadLetterPrefix}/${topic}`;
}

/** What a dead letter says. */
export interface DeadLetter {
  readonly reason: RejectionReason;
  readonly errors: readonly FieldError[];
  readonly topic: string;
  readonly receivedAt: string;
  readonly payloadBytes: number;
  /** The payload as UTF-8 text (invalid bytes replaced), at most {@link deadLetterPayloadLimit} bytes of it. */
  readonly payload: string;
  readonly payloadTruncated: boolean;
}

/** The dead letter of a rejected message. */
export function deadLetter(topic: string, payload: Uint8Array, reason: RejectionReason, errors: readonly FieldError[], receivedAt: Date): DeadLetter {
  const kept = payload.subarray(0, deadLetterPayloadLimit);
  return {
    reason,
    errors: errors.slice(0, 20),
    topic,
    receivedAt: receivedAt.toISOString(),
    payloadBytes: payload.byteLength,
    payload: Buffer.from(kept.buffer, kept.byteOffset, kept.byteLength).toString('utf8'),
    payloadTruncated: kept.byteLength < payload.byteLength,
  };
}
