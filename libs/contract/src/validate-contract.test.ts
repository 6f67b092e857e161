import { describe, expect, it } from 'vitest';
import { ai4iContract } from './ai4i-contract.ts';
import { formatFieldErrors } from './field-error.ts';
import { validateContract } from './validate-contract.ts';

/** The AI4I contract as contract.json would hold it, with one part replaced. */
function contractWith(changes: Record<string, unknown>): unknown {
  return { ...JSON.parse(JSON.stringify(ai4iContract())), ...changes };
}

function reasons(json: unknown): string {
  const result = validateContract(json);
  return result.ok ? 'accepted' : formatFieldErrors(result.errors);
}

const inputs = ai4iContract().inputs;

describe('validateContract', () => {
  it('accepts the AI4I contract', () => {
    expect(reasons(contractWith({}))).toBe('accepted');
  });

  it('rejects a contract version it cannot read', () => {
    expect(reasons(contractWith({ schemaVersion: 2 }))).toBe('schemaVersion: must be 1 (the only contract version this code reads), got 2');
  });

  it('rejects a misspelt top-level field and lists the fields', () => {
    expect(reasons(contractWith({ feature_order: [] }))).toBe(
      'feature_order: is not a field here; the fields are schemaVersion, name, task, inputs, engineered, outputs, featureOrder',
    );
  });

  it('rejects a task other than binary classification', () => {
    expect(reasons(contractWith({ task: 'regression' }))).toBe('task: must be "binary-classification", got "regression"');
  });

  it('names the input whose range bound is not a number', () => {
    const broken = inputs.map((input, index) => (index === 2 ? { ...input, range: { min: '300', max: 330 } } : input));
    expect(reasons(contractWith({ inputs: broken }))).toBe('inputs[2].range.min: must be a finite number, got "300"');
  });

  it('rejects a range whose min is not below its max', () => {
    const broken = inputs.map((input, index) => (index === 4 ? { ...input, range: { min: 100, max: 0 } } : input));
    expect(reasons(contractWith({ inputs: broken }))).toBe('inputs[4].range: min must be below max, got min 100 and max 0');
  });

  it('rejects an input type it does not know', () => {
    const broken = inputs.map((input, index) => (index === 1 ? { ...input, type: 'float' } : input));
    expect(reasons(contractWith({ inputs: broken }))).toBe('inputs[1].type: must be "number" or "category", got "float"');
  });

  it('does not blame the features that use an input whose type is wrong', () => {
    const broken = inputs.map((input, index) => (index === 1 ? { ...input, type: 'float' } : input));
    expect(validateContract(contractWith({ inputs: broken }))).toMatchObject({ errors: [{ field: 'inputs[1].type' }] });
  });

  it('rejects two inputs of one name', () => {
    expect(reasons(contractWith({ inputs: [...inputs, inputs[4]] }))).toBe('inputs[6].name: "torqueNm" is already the name of another input');
  });

  it('rejects an input name that could shadow an object prototype', () => {
    expect(reasons(contractWith({ inputs: [...inputs, { name: '__proto__', type: 'number', description: 'x' }] }))).toContain(
      'inputs[6].name: must be a name of letters, digits',
    );
  });

  it('rejects a category listed twice', () => {
    const broken = inputs.map((input, index) => (index === 0 ? { ...input, categories: ['L', 'M', 'L'] } : input));
    expect(reasons(contractWith({ inputs: broken }))).toBe('inputs[0].categories[2]: "L" is listed twice');
  });

  it('rejects an engineered feature this code cannot compute', () => {
    expect(reasons(contractWith({ engineered: [{ name: 'vibrationRms', unit: 'g', description: 'x' }], featureOrder: ['torqueNm'] }))).toBe(
      'engineered[0].name: must be one of the engineered features this code computes (temperatureDifferenceK, powerW, wearTorqueMinNm), got "vibrationRms"',
    );
  });

  it('rejects an engineered feature in another unit than the one it is computed in', () => {
    expect(reasons(contractWith({ engineered: [{ name: 'powerW', unit: 'kW', description: 'power' }], featureOrder: ['powerW'] }))).toBe(
      'engineered[0].unit: must be "W" (the unit powerW is computed in), got "kW"',
    );
  });

  it('rejects an engineered feature whose inputs are missing', () => {
    const withoutWear = inputs.filter((input) => input.name !== 'toolWearMin');
    expect(reasons(contractWith({ inputs: withoutWear, featureOrder: ['torqueNm', 'wearTorqueMinNm'] }))).toBe(
      'engineered[2].name: wearTorqueMinNm is computed from the number input "toolWearMin"; add it to inputs',
    );
  });

  it('rejects a positive class that is not one of the classes', () => {
    expect(reasons(contractWith({ outputs: { classes: ['ok', 'failure'], positiveClass: 'fail', threshold: 0.5 } }))).toBe(
      'outputs.positiveClass: must be one of the classes ["ok","failure"], got "fail"',
    );
  });

  it('rejects a threshold that is not a probability', () => {
    expect(reasons(contractWith({ outputs: { classes: ['ok', 'failure'], positiveClass: 'failure', threshold: 50 } }))).toBe(
      'outputs.threshold: must be a probability between 0 and 1, got 50',
    );
  });

  it('rejects three classes', () => {
    expect(reasons(contractWith({ outputs: { classes: ['ok', 'warn', 'failure'], positiveClass: 'failure', threshold: 0.5 } }))).toBe(
      'outputs.classes: must be two different non-empty class names, e.g. ["ok", "failure"], got ["ok","warn","failure"]',
    );
  });

  it('rejects a feature it cannot place in the vector', () => {
    expect(reasons(contractWith({ featureOrder: ['torqueNm', 'type=X', 'speed'] }))).toBe(
      [
        'featureOrder[1]: "type=X" is no input, engineered feature or one-hot "input=category" of this contract',
        'featureOrder[2]: "speed" is no input, engineered feature or one-hot "input=category" of this contract',
      ].join('\n'),
    );
  });

  it('accepts one-hot features of a category input', () => {
    expect(reasons(contractWith({ featureOrder: ['type=L', 'type=M', 'type=H', 'torqueNm'] }))).toBe('accepted');
  });

  it('rejects a feature listed twice', () => {
    expect(reasons(contractWith({ featureOrder: ['torqueNm', 'torqueNm'] }))).toBe('featureOrder[1]: "torqueNm" is listed twice');
  });

  it('reports every problem at once', () => {
    const result = validateContract(contractWith({ schemaVersion: 0, name: '', inputs: [], featureOrder: 'torqueNm' }));
    expect(result.ok ? [] : result.errors.map((error) => error.field)).toEqual([
      'schemaVersion',
      'name',
      'inputs',
      'featureOrder',
    ]);
  });

  it('rejects what is not an object', () => {
    expect(reasons('contract.json')).toBe('(body): must be a JSON object (a model contract), got string');
  });
});
