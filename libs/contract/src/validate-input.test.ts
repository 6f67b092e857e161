import { describe, expect, it } from 'vitest';
import { ai4iContract } from './ai4i-contract.ts';
import { formatFieldErrors } from './field-error.ts';
import { validateInput } from './validate-input.ts';

const contract = ai4iContract();
const request = {
  type: 'L',
  airTemperatureK: 298.1,
  processTemperatureK: 308.6,
  rotationalSpeedRpm: 1551,
  torqueNm: 42.8,
  toolWearMin: 0,
};

/** The request without one of its fields. */
function without(name: keyof typeof request): Record<string, unknown> {
  return Object.fromEntries(Object.entries(request).filter(([key]) => key !== name));
}

function reasons(body: unknown): string {
  const result = validateInput(contract, body);
  return result.ok ? 'accepted' : formatFieldErrors(result.errors);
}

describe('validateInput', () => {
  it('accepts a complete request and returns its values', () => {
    expect(validateInput(contract, request)).toEqual({ ok: true, value: request });
  });

  it('accepts values on the edges of their ranges', () => {
    expect(reasons({ ...request, torqueNm: 0, toolWearMin: 300 })).toBe('accepted');
  });

  it('rejects a request whose torque is a string', () => {
    expect(reasons({ ...request, torqueNm: '42.8' })).toBe('torqueNm: must be a number, got string');
  });

  it('rejects a missing input and says what it should be', () => {
    expect(reasons(without('torqueNm'))).toBe('torqueNm: is required: a number in Nm between 0 Nm and 100 Nm');
  });

  it('rejects a missing category and lists the categories', () => {
    expect(reasons(without('type'))).toBe('type: is required: one of "L", "M", "H"');
  });

  it('rejects a field the model does not take and lists the inputs', () => {
    expect(reasons({ ...request, vibration: 3 })).toBe(
      'vibration: is not an input of "ai4i-machine-failure"; its inputs are type, airTemperatureK, processTemperatureK, rotationalSpeedRpm, torqueNm, toolWearMin',
    );
  });

  it('rejects NaN and Infinity', () => {
    expect(reasons({ ...request, torqueNm: Number.NaN, toolWearMin: Number.POSITIVE_INFINITY })).toBe(
      ['torqueNm: must be a finite number, got NaN', 'toolWearMin: must be a finite number, got Infinity'].join('\n'),
    );
  });

  it('rejects an out-of-range value and names the range with its unit', () => {
    expect(reasons({ ...request, rotationalSpeedRpm: 3500 })).toBe('rotationalSpeedRpm: must be between 1000 rpm and 3000 rpm, got 3500 rpm');
  });

  it('rejects an unknown product type', () => {
    expect(reasons({ ...request, type: 'X' })).toBe('type: must be one of "L", "M", "H", got "X"');
  });

  it('rejects a product type given as a number', () => {
    expect(reasons({ ...request, type: 0 })).toBe('type: must be one of "L", "M", "H", got number');
  });

  it('rejects null, booleans and arrays where numbers belong', () => {
    expect(reasons({ ...request, torqueNm: null, toolWearMin: true, airTemperatureK: [300] })).toBe(
      ['airTemperatureK: must be a number, got array', 'torqueNm: must be a number, got null', 'toolWearMin: must be a number, got boolean'].join('\n'),
    );
  });

  it('reports every problem at once, in contract order, extras last', () => {
    const result = validateInput(contract, { extra: 1, type: 'Q', torqueNm: -1, airTemperatureK: 300, processTemperatureK: 310, rotationalSpeedRpm: 1500 });
    expect(result.ok ? [] : result.errors.map((error) => error.field)).toEqual(['type', 'torqueNm', 'toolWearMin', 'extra']);
  });

  it('rejects a body that is not an object', () => {
    expect(reasons([request])).toBe('(body): must be a JSON object of the inputs of "ai4i-machine-failure", got array');
    expect(reasons(null)).toBe('(body): must be a JSON object of the inputs of "ai4i-machine-failure", got null');
    expect(reasons('type=L')).toBe('(body): must be a JSON object of the inputs of "ai4i-machine-failure", got string');
  });

  it('does not take inherited properties for inputs', () => {
    const inherited: unknown = Object.assign(Object.create({ torqueNm: 40 }), without('torqueNm'));
    expect(reasons(inherited)).toBe('torqueNm: is required: a number in Nm between 0 Nm and 100 Nm');
  });

  it('treats a "__proto__" key from JSON as an unknown field, not as a prototype', () => {
    const body: unknown = JSON.parse(`{"__proto__": {"torqueNm": 40}, ${JSON.stringify(request).slice(1)}`);
    expect(reasons(body)).toContain('__proto__: is not an input');
  });

  it('returns only the contract inputs as the value', () => {
    const result = validateInput(contract, request);
    expect(result.ok && Object.keys(result.value)).toEqual(contract.inputs.map((input) => input.name));
  });
});
