import { describe, expect, it } from 'vitest';
import { parseLinkFlags } from './parse-link-flags.ts';
import { parseDurationMs, parseRateKbit } from './parse-units.ts';

describe('parseLinkFlags', () => {
  it('reads latency, jitter and bandwidth with their units', () => {
    expect(parseLinkFlags(['--latency', '40ms', '--jitter', '10ms', '--bandwidth', '10mbit']).toxics).toEqual({
      latencyMs: 40,
      jitterMs: 10,
      kbitPerSecond: 10_000,
    });
  });

  it('accepts --flag=value and seconds, and hands other arguments back in order', () => {
    const parsed = parseLinkFlags(['up', '--latency=1.5s', '--profile', 'wan', '--bandwidth=512kbit']);
    expect(parsed.toxics).toEqual({ latencyMs: 1500, kbitPerSecond: 512 });
    expect(parsed.rest).toEqual(['up', '--profile', 'wan']);
  });

  it('names the flag and the bad value, for every bad flag at once', () => {
    expect(() => parseLinkFlags(['--latency', '40', '--jitter', 'lots', '--bandwidth', '10mbps'])).toThrow(
      [
        'bad link flags:',
        '  --latency: "40" needs a unit (ms, s), e.g. 40ms or 1.5s',
        '  --jitter: "lots" is not a number with a unit (ms, s), e.g. 40ms or 1.5s',
        '  --bandwidth: "10mbps" has an unknown unit "mbps": expected kbit, mbit, gbit',
      ].join('\n'),
    );
  });

  it('says when a flag has no value', () => {
    expect(() => parseLinkFlags(['--latency', '--jitter', '5ms'])).toThrow('--latency needs a value, e.g. --latency 40ms');
    expect(() => parseLinkFlags(['--bandwidth'])).toThrow('--bandwidth needs a value, e.g. --bandwidth 10mbit');
  });

  it('refuses a negative latency and a zero bandwidth', () => {
    expect(() => parseLinkFlags(['--latency', '-5ms'])).toThrow('--latency: "-5ms" is not a number with a unit');
    expect(() => parseLinkFlags(['--bandwidth', '0mbit'])).toThrow('--bandwidth: "0mbit" is a zero rate: to cut the link, take it down instead');
  });
});

describe('units', () => {
  it('converts durations to milliseconds and rates to decimal kbit/s', () => {
    expect([parseDurationMs('250ms'), parseDurationMs('2s'), parseDurationMs('0.5S')]).toEqual([250, 2000, 500]);
    expect([parseRateKbit('64kbit'), parseRateKbit('4mbit'), parseRateKbit('1gbit')]).toEqual([64, 4000, 1_000_000]);
  });
});
