import { describe, expect, it } from 'vitest';
import { ai4iContract } from '@millwright/contract';
import { csvRows, DataError } from './csv-source.ts';
import { toTrainingSet } from './training-set.ts';

const header = 'UDI,Product ID,Type,Air temperature [K],Process temperature [K],Rotational speed [rpm],Torque [Nm],Tool wear [min],Machine failure,TWF,HDF,PWF,OSF,RNF';
const ok = '1,M14860,M,298.1,308.6,1551,42.8,0,0,0,0,0,0,0';
const failing = '2,L47181,L,298.2,308.7,1408,46.3,3,1,0,1,0,0,0';

function trainingSet(csv: string) {
  return toTrainingSet(ai4iContract(), csvRows(csv, 'data.csv'));
}

describe('csvRows', () => {
  it('reads the published AI4I 2020 headers and the failure mode columns', () => {
    const rows = csvRows([header, ok, failing].join('\n'), 'data.csv');
    expect(rows[1]).toEqual({
      input: { type: 'L', airTemperatureK: 298.2, processTemperatureK: 308.7, rotationalSpeedRpm: 1408, torqueNm: 46.3, toolWearMin: 3 },
      label: 1,
      failureMode: 'HDF',
      origin: 'data.csv row 3',
    });
  });

  it('names every missing column', () => {
    expect(() => csvRows('Type,Air temperature [K]\nL,300', 'data.csv')).toThrow(DataError);
    expect(() => csvRows('Type,Air temperature [K]\nL,300', 'data.csv')).toThrow(/data\.csv: missing columns processTemperatureK .*machineFailure/);
  });

  it('rejects an empty file', () => {
    expect(() => csvRows('', 'empty.csv')).toThrow(/empty\.csv: is empty/);
  });
});

describe('toTrainingSet on bad data', () => {
  it('names the row and column of a string in a numeric column', () => {
    const result = trainingSet([header, ok, '2,L1,L,298.2,308.7,fast,46.3,3,0,0,0,0,0,0'].join('\n'));
    expect(result).toMatchObject({ ok: false, problems: [expect.stringMatching(/^data\.csv row 3, column rotationalSpeedRpm: must be a number/)] });
  });

  it('names the row of a NaN', () => {
    const result = trainingSet([header, ok, '2,L1,L,NaN,308.7,1400,46.3,3,0,0,0,0,0,0'].join('\n'));
    expect(result).toMatchObject({ ok: false, problems: [expect.stringMatching(/^data\.csv row 3, column airTemperatureK: /)] });
  });

  it('names the row of an unknown product type', () => {
    const result = trainingSet([header, ok, '2,X1,X,298.2,308.7,1400,46.3,3,0,0,0,0,0,0'].join('\n'));
    expect(result).toMatchObject({ ok: false, problems: [expect.stringMatching(/^data\.csv row 3, column type: /)] });
  });

  it('names the row of a label that is not 0 or 1', () => {
    const result = trainingSet([header, ok, '2,L1,L,298.2,308.7,1400,46.3,3,yes,0,0,0,0,0'].join('\n'));
    expect(result).toMatchObject({ ok: false, problems: ['data.csv row 3, column machineFailure: must be 0 or 1, got "yes"'] });
  });

  it('rejects a set with a single class', () => {
    expect(trainingSet([header, ok, ok].join('\n'))).toMatchObject({ ok: false, problems: [expect.stringMatching(/no failures .* needs both classes/)] });
  });

  it('rejects an empty set', () => {
    expect(trainingSet(header)).toMatchObject({ ok: false, problems: ['the data set is empty: no rows to train on'] });
  });
});
