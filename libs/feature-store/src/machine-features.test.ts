import { describe, expect, it } from 'vitest';
import { featureKey, fromHashFields, toHashFields, type MachineFeatures } from './machine-features.ts';

const features: MachineFeatures = {
  inputs: { type: 'L', airTemperatureK: 300.1, torqueNm: 41.3 },
  engineered: { powerW: 6220.4 },
  messageId: 'mill-07-12',
  producedAt: '2024-05-01T12:00:00.000Z',
};

describe('the feature hash', () => {
  it('keys each machine under millwright:features:', () => {
    expect(featureKey('mill-07')).toBe('millwright:features:mill-07');
  });

  it('prefixes fields by group and encodes values as JSON', () => {
    expect(toHashFields(features)).toEqual({
      'input.type': '"L"',
      'input.airTemperatureK': '300.1',
      'input.torqueNm': '41.3',
      'engineered.powerW': '6220.4',
      'meta.messageId': '"mill-07-12"',
      'meta.producedAt': '"2024-05-01T12:00:00.000Z"',
    });
  });

  it('reads back what it wrote, a category that looks like a number included', () => {
    const numeric: MachineFeatures = { ...features, inputs: { ...features.inputs, type: '1' } };
    expect(fromHashFields(toHashFields(numeric))).toEqual(numeric);
  });

  it('reads an empty hash as an unknown machine', () => {
    expect(fromHashFields({})).toBeUndefined();
  });

  it('skips fields it does not know or cannot decode', () => {
    expect(fromHashFields({ 'input.torqueNm': '41', 'input.bad': '{not json', 'other.x': '1', 'engineered.powerW': '"text"' })).toEqual({
      inputs: { torqueNm: 41 },
      engineered: {},
      messageId: '',
      producedAt: '',
    });
  });
});
