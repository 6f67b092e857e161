import { describeValue, isPlainObject, wholeValueField, type FieldError, type ValidationResult } from './field-error.ts';
import type { CategoryInput, ContractInput, ModelContract, ModelInput, NumberInput } from './model-contract.ts';

/**
 * Validates a predict request body against a contract: every input present, nothing else, each
 * of the right type, finite, in range, or one of the listed categories. Never throws; reports
 * every problem at once, in contract order, e.g. `torqueNm: must be a number, got string`.
 * `requestJsonSchema` states the same rules as JSON Schema (a property test holds the two equal).
 */
export function validateInput(contract: ModelContract, body: unknown): ValidationResult<ModelInput> {
  if (!isPlainObject(body)) {
    return { ok: false, errors: [{ field: wholeValueField, reason: `must be a JSON object of the inputs of "${contract.name}", got ${describeValue(body)}` }] };
  }
  const errors: FieldError[] = [];
  const value: Record<string, number | string> = {};
  for (const input of contract.inputs) {
    if (!Object.hasOwn(body, input.name)) {
      errors.push({ field: input.name, reason: `is required: ${expectation(input)}` });
      continue;
    }
    const reason = input.type === 'number' ? numberProblem(input, body[input.name]) : categoryProblem(input, body[input.name]);
    if (reason === undefined) value[input.name] = body[input.name] as number | string;
    else errors.push({ field: input.name, reason });
  }
  for (const name of Object.keys(body)) {
    if (!contract.inputs.some((input) => input.name === name)) {
      errors.push({ field: name, reason: `is not an input of "${contract.name}"; its inputs are ${contract.inputs.map((input) => input.name).join(', ')}` });
    }
  }
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors };
}

function withUnit(value: number, unit: string | undefined): string {
  return unit === undefined ? String(value) : `${value} ${unit}`;
}

function rangeText(input: NumberInput): string {
  return input.range === undefined ? '' : ` between ${withUnit(input.range.min, input.unit)} and ${withUnit(input.range.max, input.unit)}`;
}

function categoryList(input: CategoryInput): string {
  return input.categories.map((category) => JSON.stringify(category)).join(', ');
}

/** What a valid value of the input looks like, for the "is required" message. */
function expectation(input: ContractInput): string {
  if (input.type === 'category') return `one of ${categoryList(input)}`;
  return `a number${input.unit === undefined ? '' : ` in ${input.unit}`}${rangeText(input)}`;
}

function numberProblem(input: NumberInput, value: unknown): string | undefined {
  if (typeof value !== 'number') return `must be a number, got ${describeValue(value)}`;
  if (!Number.isFinite(value)) return `must be a finite number, got ${describeValue(value)}`;
  if (input.range !== undefined && (value < input.range.min || value > input.range.max)) {
    return `must be${rangeText(input)}, got ${withUnit(value, input.unit)}`;
  }
  return undefined;
}

function categoryProblem(input: CategoryInput, value: unknown): string | undefined {
  if (typeof value === 'string' && input.categories.includes(value)) return undefined;
  const got = typeof value === 'string' ? JSON.stringify(value) : describeValue(value);
  return `must be one of ${categoryList(input)}, got ${got}`;
}
