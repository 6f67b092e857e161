/**
 * The predict form's values: text as typed (so a half-typed number is not lost), converted to a
 * model input only on submit, where the shared contract validation decides.
 */
import { validateInput, type ContractInput, type FieldError, type ModelContract, type ModelInput, type NumberInput } from '@millwright/contract';

/** Field name → the text in the control. */
export type FormValues = Readonly<Record<string, string>>;

/** The slider's step: tenths for a narrow range (temperatures), whole units otherwise. */
export function inputStep(input: NumberInput): number {
  return input.range && input.range.max - input.range.min <= 50 ? 0.1 : 1;
}

/**
 * A starting value: the training data's median where the API knows it (a typical, healthy
 * operating point), else the middle of the range; the first category.
 */
function initialValue(input: ContractInput, typical: Readonly<Record<string, number>>): string {
  if (input.type === 'category') return input.categories[0] ?? '';
  const median = typical[input.name];
  if (median !== undefined && Number.isFinite(median)) return String(inputStep(input) < 1 ? Math.round(median * 10) / 10 : Math.round(median));
  if (input.range === undefined) return '0';
  return String(Math.round(((input.range.min + input.range.max) / 2) * 10) / 10);
}

/** The form's first values for a contract, from the training data's medians (`typical`) where known. */
export function initialFormValues(contract: ModelContract, typical: Readonly<Record<string, number>> = {}): FormValues {
  return Object.fromEntries(contract.inputs.map((input) => [input.name, initialValue(input, typical)]));
}

/** A machine's stored features as form values; inputs the machine lacks keep their current value. */
export function formValuesFromFeatures(contract: ModelContract, current: FormValues, features: Readonly<Record<string, unknown>>): FormValues {
  const next: Record<string, string> = { ...current };
  for (const input of contract.inputs) {
    const value = features[input.name];
    if (typeof value === 'number' || typeof value === 'string') next[input.name] = String(value);
  }
  return next;
}

/** Converts the text values and validates them with the contract. */
export function toModelInput(contract: ModelContract, values: FormValues): { ok: true; value: ModelInput } | { ok: false; errors: readonly FieldError[] } {
  const candidate: Record<string, number | string> = {};
  const errors: FieldError[] = [];
  for (const input of contract.inputs) {
    const text = (values[input.name] ?? '').trim();
    if (input.type === 'category') candidate[input.name] = text;
    else if (text === '' || Number.isNaN(Number(text))) errors.push({ field: input.name, reason: `must be a number${input.unit ? ` in ${input.unit}` : ''}` });
    else candidate[input.name] = Number(text);
  }
  if (errors.length > 0) return { ok: false, errors };
  const checked = validateInput(contract, candidate);
  return checked.ok ? { ok: true, value: checked.value } : { ok: false, errors: checked.errors };
}
