import { ai4iContract } from '@millwright/contract';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/csv/parse-csv.ts';
import type { ValidationMessage } from './csv-validation-messages.ts';
import { resultsCsv } from './results-csv.ts';
import { runCsvValidation } from './run-csv-validation.ts';
import { scoreInBatches } from './score-in-batches.ts';
import { parseBatchCsv } from './validate-csv.ts';

const contract = ai4iContract(0.5);
const header = 'machine,type,airTemperatureK,processTemperatureK,rotationalSpeedRpm,torqueNm,toolWearMin';

async function validate(text: string) {
  const messages: ValidationMessage[] = [];
  await runCsvValidation(contract, text, (message) => messages.push(message), async () => undefined);
  return { messages, last: messages.at(-1)! };
}

describe('parseBatchCsv', () => {
  it('rejects an empty file, saying what a file must contain', () => {
    expect(parseBatchCsv(contract, '')).toEqual({ ok: false, problems: ['the file is empty: expected a header line naming the inputs, then one line per row'] });
  });

  it('rejects a header without data rows', () => {
    expect(parseBatchCsv(contract, `${header}\n`)).toEqual({ ok: false, problems: ['the file has a header but no data rows'] });
  });

  it('names every missing column and lists the inputs the model needs', () => {
    const parsed = parseBatchCsv(contract, 'type,airTemperatureK,torque\nL,300,40\n');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems[0]).toBe(
      'line 1: missing columns processTemperatureK, rotationalSpeedRpm, torqueNm, toolWearMin; the header must name every input of "ai4i-machine-failure": type or "Type", airTemperatureK or "Air temperature [K]", processTemperatureK or "Process temperature [K]", rotationalSpeedRpm or "Rotational speed [rpm]", torqueNm or "Torque [Nm]", toolWearMin or "Tool wear [min]"',
    );
  });

  it('accepts the published AI4I 2020 headers, finding each input in its column', () => {
    const parsed = parseBatchCsv(contract, 'UDI,Product ID,Type,Air temperature [K],Process temperature [K],Rotational speed [rpm],Torque [Nm],Tool wear [min],Machine failure\n1,M14860,M,298.1,308.6,1551,42.8,0,0\n');
    expect(parsed.ok && parsed.layout.columns).toEqual({ type: 2, airTemperatureK: 3, processTemperatureK: 4, rotationalSpeedRpm: 5, torqueNm: 6, toolWearMin: 7 });
    expect(parsed.ok && parsed.notes).toEqual([]);
  });

  it('refuses a header that names one input twice, by both of its names', () => {
    const parsed = parseBatchCsv(contract, `${header},Torque [Nm]\n`);
    expect(!parsed.ok && parsed.problems[0]).toBe('line 1: columns "torqueNm" and "Torque [Nm]" both name the input torqueNm; keep one');
  });

  it("reads a spreadsheet's semicolon-separated export with decimal commas, and says so", async () => {
    const { last } = await validate(['machine;type;airTemperatureK;processTemperatureK;rotationalSpeedRpm;torqueNm;toolWearMin', 'm1;L;298,1;308,6;1551;42,8;0'].join('\r\n'));
    expect(last.kind === 'done' && last.rows[0]!.input).toEqual({ type: 'L', airTemperatureK: 298.1, processTemperatureK: 308.6, rotationalSpeedRpm: 1551, torqueNm: 42.8, toolWearMin: 0 });
    expect(last.kind === 'done' && last.notes[0]).toMatch(/^Read as values separated by semicolons, with decimal commas/);
  });

  it('names a column that appears twice', () => {
    const parsed = parseBatchCsv(contract, `${header},torqueNm\n`);
    expect(!parsed.ok && parsed.problems[0]).toBe('line 1: column "torqueNm" appears more than once');
  });
});

describe('runCsvValidation', () => {
  it('names a bad cell by the file\'s own column header', async () => {
    const { last } = await validate(['Type,Air temperature [K],Process temperature [K],Rotational speed [rpm],Torque [Nm],Tool wear [min]', 'L,298.1,308.6,1551,forty,0', 'L,298.1,308.6,1551,42,999'].join('\n'));
    expect(last.kind === 'done' && last.rows.map((row) => row.errors)).toEqual([
      [{ field: 'Torque [Nm]', reason: 'must be a number, got "forty"' }],
      [{ field: 'Tool wear [min]', reason: 'must be between 0 min and 300 min, got 999 min' }],
    ]);
  });

  it('reports non-numeric, empty, out-of-range and unknown-category cells by file line, and keeps good rows', async () => {
    const text = [header, 'm1,L,300,310,1500,40,10', 'm2,H,300,310,1500,forty,10', 'm3,M,300,310,,40,10', 'm4,X,300,310,1500,40,999', 'm5,M,300,310,1500,40'].join('\n');
    const { last } = await validate(text);
    expect(last.kind).toBe('done');
    if (last.kind !== 'done') return;
    expect(last.header).toEqual(header.split(','));
    expect(last.rows.map((row) => [row.line, row.input !== undefined])).toEqual([
      [2, true],
      [3, false],
      [4, false],
      [5, false],
      [6, false],
    ]);
    expect(last.rows[1]!.errors).toEqual([{ field: 'torqueNm', reason: 'must be a number, got "forty"' }]);
    expect(last.rows[2]!.errors).toEqual([{ field: 'rotationalSpeedRpm', reason: 'is empty; expected a number in rpm' }]);
    expect(last.rows[3]!.errors.map((error) => error.field)).toEqual(['type', 'toolWearMin']);
    expect(last.rows[3]!.errors[1]!.reason).toBe('must be between 0 min and 300 min, got 999 min');
    expect(last.rows[4]!.errors).toEqual([{ field: '(row)', reason: 'has 6 cells; the header has 7' }]);
    expect(last.rows[0]!.input).toEqual({ type: 'L', airTemperatureK: 300, processTemperatureK: 310, rotationalSpeedRpm: 1500, torqueNm: 40, toolWearMin: 10 });
  });

  it('validates 50,000 rows in chunks, reporting progress after each', async () => {
    const lines = Array.from({ length: 50_000 }, (_, index) => `m${index},M,300.5,310.1,${1400 + (index % 500)},${20 + (index % 40)},${index % 250}`);
    const started = performance.now();
    const { messages, last } = await validate([header, ...lines].join('\n'));
    const progress = messages.filter((message) => message.kind === 'progress');
    expect(progress).toHaveLength(25);
    expect(progress.at(-1)).toEqual({ kind: 'progress', done: 50_000, total: 50_000 });
    expect(last.kind === 'done' && last.rows.every((row) => row.input !== undefined)).toBe(true);
    // Generous bound for a shared 2-core CI machine; it takes well under a second on a laptop.
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

describe('scoreInBatches', () => {
  it('sends at most the row limit per request, in order, reporting progress', async () => {
    const inputs = Array.from({ length: 5 }, (_, index) => ({ torqueNm: index }));
    const sizes: number[] = [];
    const progress: number[] = [];
    const scored = await scoreInBatches(
      inputs,
      2,
      async (rows) => {
        sizes.push(rows.length);
        return { predictions: rows.map((row) => ({ prediction: 'ok', probability: Number(row['torqueNm']) / 10 })), threshold: 0.5, model: { name: 'm', version: '7', alias: 'champion' } };
      },
      (done) => progress.push(done),
    );
    expect(sizes).toEqual([2, 2, 1]);
    expect(progress).toEqual([2, 4, 5]);
    expect(scored.map((row) => row.probability)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(scored[0]!.version).toBe('7');
  });
});

describe('resultsCsv', () => {
  it('keeps every row in file order, with its prediction or its errors', async () => {
    const { last } = await validate([header, 'm1,L,300,310,1500,40,10', 'm2,H,300,310,1500,forty,10'].join('\n'));
    if (last.kind !== 'done') throw new Error('expected rows');
    const text = resultsCsv(last.header, last.rows, [{ prediction: 'ok', probability: 0.125, version: '3' }, undefined]);
    expect(parseCsv(text).map((record) => record.cells)).toEqual([
      [...header.split(','), 'prediction', 'probability', 'modelVersion', 'error'],
      ['m1', 'L', '300', '310', '1500', '40', '10', 'ok', '0.125', '3', ''],
      ['m2', 'H', '300', '310', '1500', 'forty', '10', '', '', '', 'torqueNm: must be a number, got "forty"'],
    ]);
  });
});
