import { ai4iContract } from '@millwright/contract';
import { describe, expect, it } from 'vitest';
import { initialFormValues } from './form-values.ts';
import { initialPredictFormState, predictFormReducer, resultIsStale, type PredictFormState } from './predict-form-state.ts';
import { ruleModelAgreement } from './rule-model-agreement.ts';

const contract = ai4iContract(0.5);
const answer = { prediction: 'ok', probability: 0.2, threshold: 0.5, model: { name: 'pm', version: '1', alias: 'champion' } };

function answeredState(): PredictFormState {
  const state = initialPredictFormState(initialFormValues(contract, { torqueNm: 40.04, rotationalSpeedRpm: 1534.2, airTemperatureK: 300.04 }));
  return predictFormReducer(state, { type: 'answered', answered: { answer, input: {}, values: state.values } });
}

describe('initialFormValues', () => {
  it("starts at the training data's medians, rounded to the field's step, and the first category", () => {
    expect(initialFormValues(contract, { torqueNm: 40.04, rotationalSpeedRpm: 1534.2, airTemperatureK: 300.04 })).toMatchObject({ type: 'L', torqueNm: '40', rotationalSpeedRpm: '1534', airTemperatureK: '300' });
  });

  it('falls back to the middle of the range without medians', () => {
    expect(initialFormValues(contract)).toMatchObject({ torqueNm: '50', processTemperatureK: '315' });
  });
});

describe('predictFormReducer', () => {
  it("drops a field's error once the field gets a new value, typed or from a live machine, and keeps the others", () => {
    let state = predictFormReducer(answeredState(), { type: 'edited', name: 'torqueNm', value: '250' });
    state = predictFormReducer(state, { type: 'rejected', errors: [{ field: 'torqueNm', reason: 'too high' }, { field: 'toolWearMin', reason: 'too high' }] });
    state = predictFormReducer(state, { type: 'machine-chosen', contract, features: { torqueNm: 62.5 } });
    expect(state.values['torqueNm']).toBe('62.5');
    expect(state.errors).toEqual([{ field: 'toolWearMin', reason: 'too high' }]);
    state = predictFormReducer(state, { type: 'edited', name: 'toolWearMin', value: '10' });
    expect(state.errors).toEqual([]);
  });

  it('marks the result out of date while the form shows other inputs than it answered, and current again when they are back', () => {
    const answered = answeredState();
    expect(resultIsStale(answered)).toBe(false);
    const changed = predictFormReducer(answered, { type: 'edited', name: 'torqueNm', value: '30' });
    expect(resultIsStale(changed)).toBe(true);
    expect(resultIsStale(predictFormReducer(changed, { type: 'edited', name: 'torqueNm', value: '40' }))).toBe(false);
  });

  it('waits for the explanation of a new prediction, and takes only the explanation of the prediction shown', () => {
    const earlier = answeredState();
    expect(earlier.answered?.explanation).toEqual({ status: 'loading' });
    const newer = predictFormReducer(earlier, { type: 'answered', answered: { answer, input: { torqueNm: 30 }, values: earlier.values } });
    const late = predictFormReducer(newer, { type: 'explained', input: earlier.answered!.input, explanation: { status: 'unavailable', reason: 'late' } });
    expect(late.answered?.explanation).toEqual({ status: 'loading' });
    const own = predictFormReducer(newer, { type: 'explained', input: newer.answered!.input, explanation: { status: 'unavailable', reason: 'no node covers' } });
    expect(own.answered?.explanation).toEqual({ status: 'unavailable', reason: 'no node covers' });
  });

  it('clears the last failure and errors when a request is sent, and keeps a failed request\'s field errors', () => {
    const failed = predictFormReducer(predictFormReducer(answeredState(), { type: 'sent' }), { type: 'failed', message: 'POST /predict: bad', errors: [{ field: 'torqueNm', reason: 'bad' }] });
    expect(failed).toMatchObject({ busy: false, failure: 'POST /predict: bad', errors: [{ field: 'torqueNm', reason: 'bad' }] });
    expect(predictFormReducer(failed, { type: 'sent' })).toMatchObject({ busy: true, failure: undefined, errors: [] });
  });
});

describe('ruleModelAgreement', () => {
  const overPower = { type: 'L', airTemperatureK: 305, processTemperatureK: 315, rotationalSpeedRpm: 2000, torqueNm: 50, toolWearMin: 150 };
  const healthy = { type: 'L', airTemperatureK: 300, processTemperatureK: 310, rotationalSpeedRpm: 1500, torqueNm: 40, toolWearMin: 100 };

  it('flags a rule that fires under an "ok"', () => {
    expect(ruleModelAgreement(overPower, false)).toEqual({ kind: 'rules-fire', modes: ['PWF'] });
    expect(ruleModelAgreement(overPower, true)).toEqual({ kind: 'agree' });
  });

  it('flags a "failure" that no rule explains, but not one a worn tool may explain', () => {
    expect(ruleModelAgreement(healthy, true)).toEqual({ kind: 'model-only' });
    expect(ruleModelAgreement({ ...healthy, toolWearMin: 215 }, true)).toEqual({ kind: 'agree' });
    expect(ruleModelAgreement(healthy, false)).toEqual({ kind: 'agree' });
  });

  it('has nothing to say about another model\'s inputs', () => {
    expect(ruleModelAgreement({ pressureBar: 3 }, true)).toEqual({ kind: 'no-rules' });
  });
});
