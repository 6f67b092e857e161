import { describe, expect, it } from 'vitest';
import { alertTopic, parseTelemetryTopic, telemetryTopic, telemetryTopicFilter } from './mqtt-topics.ts';

describe('the MQTT topics', () => {
  it('puts a machine’s telemetry under factory/<site>/<line>/<machine>/telemetry', () => {
    expect(telemetryTopic('plant-1', 'line-a', 'mill-07')).toBe('factory/plant-1/line-a/mill-07/telemetry');
  });

  it('puts a machine’s alerts under factory/<site>/<line>/<machine>/alerts', () => {
    expect(alertTopic('plant-1', 'line-a', 'mill-07')).toBe('factory/plant-1/line-a/mill-07/alerts');
  });

  it('refuses a level that would change the topic’s shape', () => {
    expect(() => telemetryTopic('plant/1', 'line-a', 'mill-07')).toThrow('site "plant/1" cannot be an MQTT topic level');
    expect(() => alertTopic('plant-1', '+', 'mill-07')).toThrow('line "+" cannot be an MQTT topic level');
    expect(() => telemetryTopic('plant-1', 'line-a', '#')).toThrow('machine "#" cannot be an MQTT topic level');
    expect(() => telemetryTopic('', 'line-a', 'mill-07')).toThrow(RangeError);
  });

  it('subscribes to every machine’s telemetry with one filter', () => {
    expect(telemetryTopicFilter).toBe('factory/+/+/+/telemetry');
  });

  it('reads the machine back from a telemetry topic', () => {
    expect(parseTelemetryTopic(telemetryTopic('plant-1', 'line-a', 'mill-07'))).toEqual({ site: 'plant-1', line: 'line-a', machine: 'mill-07' });
  });

  it('reads nothing from other topics', () => {
    expect(parseTelemetryTopic('factory/plant-1/line-a/mill-07/alerts')).toBeUndefined();
    expect(parseTelemetryTopic('factory/plant-1/line-a/telemetry')).toBeUndefined();
    expect(parseTelemetryTopic('$SYS/broker/plant/line/telemetry')).toBeUndefined();
  });
});
