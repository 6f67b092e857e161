import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesPerMs, changeRate, createTokenBucket, reserveBytes } from './token-bucket.ts';

describe('token bucket', () => {
  it('counts a kbit as 1000 bits: 8 mbit is 1000 bytes a millisecond', () => {
    expect(bytesPerMs(8000)).toBe(1000);
  });

  it('lets a burst up to its capacity through at once', () => {
    const bucket = createTokenBucket(4000, 0);
    expect(bucket.capacityBytes).toBe(16 * 1024);
    expect(reserveBytes(bucket, 0, 16 * 1024).sendAtMs).toBe(0);
  });

  it('holds the bytes beyond the burst until the rate has carried them', () => {
    const bucket = createTokenBucket(4000, 0); // 500 bytes/ms
    const reservation = reserveBytes(bucket, 0, 16 * 1024 + 50_000);
    expect(reservation.sendAtMs).toBeCloseTo(100);
  });

  it('serves reservations in order across callers, each after the debt of those before it', () => {
    let bucket = createTokenBucket(4000, 0);
    const sendTimes: number[] = [];
    for (let index = 0; index < 4; index += 1) {
      const reservation = reserveBytes(bucket, 0, 50_000);
      bucket = reservation.bucket;
      sendTimes.push(reservation.sendAtMs);
    }
    expect(sendTimes).toEqual([...sendTimes].sort((a, b) => a - b));
    expect(sendTimes[3]).toBeCloseTo((4 * 50_000 - 16 * 1024) / 500);
  });

  it('never carries more than capacity plus rate times elapsed time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 100_000 }), fc.array(fc.integer({ min: 1, max: 65_536 }), { minLength: 1, maxLength: 100 }), (kbit, sizes) => {
        let bucket = createTokenBucket(kbit, 0);
        let total = 0;
        let lastSendAtMs = 0;
        for (const size of sizes) {
          const reservation = reserveBytes(bucket, lastSendAtMs, size);
          bucket = reservation.bucket;
          total += size;
          lastSendAtMs = reservation.sendAtMs;
          expect(total).toBeLessThanOrEqual(bucket.capacityBytes + lastSendAtMs * bytesPerMs(kbit) + 1e-6);
        }
      }),
    );
  });

  it('keeps the tokens earned so far when the rate changes, within the new capacity', () => {
    const drained = reserveBytes(createTokenBucket(8000, 0), 0, 16 * 1024).bucket;
    const faster = changeRate(drained, 80_000, 10);
    expect(faster.bytesPerMs).toBe(10_000);
    expect(faster.tokens).toBeCloseTo(10_000);
  });
});
