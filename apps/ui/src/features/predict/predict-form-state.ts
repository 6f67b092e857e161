/**
 * The Predict page's state and every way it changes, as one reducer, so the form, its errors and
 * the shown result stay consistent whichever path the operator takes: a field's error goes the
 * moment the field gets a new value (typed, or from a live machine), and a result remembers the
 * inputs it answered, so it can say when the form no longer shows them. Pure.
 */
import type { FieldError, ModelContract, ModelInput } from '@millwright/contract';
import type { Explanation } from './api/explain-one.ts';
import type { PredictAnswer } from './api/predict-one.ts';
import { formValuesFromFeatures, type FormValues } from './form-values.ts';

/** A prediction's explanation: asked for after the prediction, and never in the way of it. */
export type ExplanationState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly explanation: Explanation }
  /** The API could not explain it (a version without node covers answers 501): `reason` says why. */
  | { readonly status: 'unavailable'; readonly reason: string };

/** A prediction, the form values it answered, and its explanation. */
export interface AnsweredPrediction {
  readonly answer: PredictAnswer;
  readonly input: ModelInput;
  readonly values: FormValues;
  readonly explanation: ExplanationState;
}

/** Everything the page shows. */
export interface PredictFormState {
  readonly values: FormValues;
  /** Problems of the last submit, per field; a field's problem goes when its value changes. */
  readonly errors: readonly FieldError[];
  readonly busy: boolean;
  /** Why the last request failed (not a field problem), until the next submit. */
  readonly failure: string | undefined;
  readonly answered: AnsweredPrediction | undefined;
}

/** What can happen on the page. */
export type PredictFormEvent =
  | { readonly type: 'edited'; readonly name: string; readonly value: string }
  | { readonly type: 'machine-chosen'; readonly contract: ModelContract; readonly features: Readonly<Record<string, unknown>> }
  | { readonly type: 'rejected'; readonly errors: readonly FieldError[] }
  | { readonly type: 'sent' }
  | { readonly type: 'answered'; readonly answered: Omit<AnsweredPrediction, 'explanation'> }
  /** The explanation of the prediction of `input` (the very object the answer carries). */
  | { readonly type: 'explained'; readonly input: ModelInput; readonly explanation: ExplanationState }
  | { readonly type: 'failed'; readonly message: string; readonly errors: readonly FieldError[] };

/** The page's first state. */
export function initialPredictFormState(values: FormValues): PredictFormState {
  return { values, errors: [], busy: false, failure: undefined, answered: undefined };
}

/** Keeps only the errors of fields whose value is still the one that was rejected. */
function withoutChanged(errors: readonly FieldError[], before: FormValues, after: FormValues): readonly FieldError[] {
  return errors.filter((error) => before[error.field] === after[error.field]);
}

/** The state after `event`. */
export function predictFormReducer(state: PredictFormState, event: PredictFormEvent): PredictFormState {
  switch (event.type) {
    case 'edited':
    case 'machine-chosen': {
      const values = event.type === 'edited' ? { ...state.values, [event.name]: event.value } : formValuesFromFeatures(event.contract, state.values, event.features);
      return { ...state, values, errors: withoutChanged(state.errors, state.values, values) };
    }
    case 'rejected':
      return { ...state, errors: event.errors };
    case 'sent':
      return { ...state, errors: [], failure: undefined, busy: true };
    case 'answered':
      return { ...state, busy: false, answered: { ...event.answered, explanation: { status: 'loading' } } };
    case 'explained':
      // A late explanation of an earlier prediction never lands on a newer one.
      return state.answered?.input === event.input ? { ...state, answered: { ...state.answered, explanation: event.explanation } } : state;
    case 'failed':
      return { ...state, busy: false, failure: event.message, errors: event.errors };
  }
}

/** Whether the shown result answered other values than the form shows now. */
export function resultIsStale(state: PredictFormState): boolean {
  const answered = state.answered?.values;
  if (answered === undefined) return false;
  const names = new Set([...Object.keys(answered), ...Object.keys(state.values)]);
  return [...names].some((name) => (answered[name] ?? '').trim() !== (state.values[name] ?? '').trim());
}
