/**
 * Whether the published AI4I failure rules and the model's decision agree on an input. The rules
 * labelled the data the model learned from, so a disagreement means the model has not learned
 * that region (or the input is far from its data): the operator must see it, not infer it from
 * two tables. Tool wear failure and random failure are chance events in the published data, so
 * they neither contradict an "ok" nor explain a "failure".
 */
import type { ModelInput } from '@millwright/contract';
import { failureModeMargins, firedModes } from './failure-mode-margins.ts';

/** The failure modes, as the dataset description names them. */
export const failureModeNames: Readonly<Record<string, string>> = {
  TWF: 'tool wear failure',
  HDF: 'heat dissipation failure',
  PWF: 'power failure',
  OSF: 'overstrain failure',
  RNF: 'random failure',
};

/** The modes whose rule decides the outcome from the inputs alone. */
const deterministicModes = new Set(['HDF', 'PWF', 'OSF']);

/** The verdict: agreement, a rule that fires under an "ok", or a "failure" no rule explains. */
export type RuleModelAgreement =
  | { readonly kind: 'agree' }
  | { readonly kind: 'rules-fire'; readonly modes: readonly string[] }
  | { readonly kind: 'model-only' }
  | { readonly kind: 'no-rules' };

/** Compares the rules' verdict on `input` with the model's decision (`predictsFailure`). */
export function ruleModelAgreement(input: Partial<ModelInput>, predictsFailure: boolean): RuleModelAgreement {
  if (failureModeMargins(input).length === 0) return { kind: 'no-rules' };
  const fired = firedModes(input);
  const deciding = fired.filter((mode) => deterministicModes.has(mode));
  if (!predictsFailure && deciding.length > 0) return { kind: 'rules-fire', modes: deciding };
  if (predictsFailure && fired.length === 0) return { kind: 'model-only' };
  return { kind: 'agree' };
}

/** "power failure (PWF)", "power failure (PWF) and overstrain failure (OSF)". */
export function namedModes(modes: readonly string[]): string {
  const named = modes.map((mode) => `${failureModeNames[mode] ?? mode} (${mode})`);
  return named.length <= 1 ? (named[0] ?? '') : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}
