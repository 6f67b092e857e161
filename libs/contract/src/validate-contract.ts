import { engineeredFeatureCatalogue, engineeredFormula } from './engineered-features.ts';
import { describeValue, isPlainObject, wholeValueField, type FieldError, type ValidationResult } from './field-error.ts';
import { modelContractSchemaVersion, type ModelContract } from './model-contract.ts';

/**
 * Validates a parsed `contract.json` (from disk or from a registry) and reports every problem with
 * its path, e.g. `inputs[2].range.min: must be a finite number, got string`. Never throws.
 */
export function validateContract(json: unknown): ValidationResult<ModelContract> {
  const errors: FieldError[] = [];
  const report = (field: string, reason: string): void => {
    errors.push({ field, reason });
  };
  if (!isPlainObject(json)) {
    return { ok: false, errors: [{ field: wholeValueField, reason: `must be a JSON object (a model contract), got ${describeValue(json)}` }] };
  }
  checkKeys(json, '', ['schemaVersion', 'name', 'task', 'inputs', 'engineered', 'outputs', 'featureOrder'], report);
  if (json['schemaVersion'] !== modelContractSchemaVersion) {
    report('schemaVersion', `must be ${modelContractSchemaVersion} (the only contract version this code reads), got ${show(json['schemaVersion'])}`);
  }
  checkName(json['name'], 'name', report);
  if (json['task'] !== 'binary-classification') report('task', `must be "binary-classification", got ${show(json['task'])}`);
  const inputs = checkInputs(json['inputs'], report);
  const engineered = checkEngineered(json['engineered'], inputs, report);
  checkOutputs(json['outputs'], report);
  checkFeatureOrder(json['featureOrder'], inputs, engineered, report);
  return errors.length === 0 ? { ok: true, value: json as unknown as ModelContract } : { ok: false, errors };
}

type Report = (field: string, reason: string) => void;

/** A name usable as a JSON key, a form field and an ONNX feature label; starts with a letter, so never `__proto__`. */
const namePattern = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;

/** A value as an error message quotes it: strings quoted, finite numbers as written, else the type. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return describeValue(value);
}

function at(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
}

function checkKeys(value: Readonly<Record<string, unknown>>, path: string, allowed: readonly string[], report: Report): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) report(at(path, key), `is not a field here; the fields are ${allowed.join(', ')}`);
  }
}

function checkName(value: unknown, path: string, report: Report): value is string {
  if (typeof value === 'string' && namePattern.test(value)) return true;
  report(path, `must be a name of letters, digits, "_", "." or "-" starting with a letter, got ${show(value)}`);
  return false;
}

function checkString(value: unknown, path: string, report: Report): void {
  if (typeof value !== 'string' || value.trim() === '') report(path, `must be a non-empty string, got ${show(value)}`);
}

function checkFinite(value: unknown, path: string, report: Report): value is number {
  if (typeof value === 'number' && Number.isFinite(value)) return true;
  report(path, `must be a finite number, got ${show(value)}`);
  return false;
}

function checkArray(value: unknown, path: string, report: Report, nonEmpty: boolean): readonly unknown[] {
  if (Array.isArray(value) && (!nonEmpty || value.length > 0)) return value;
  report(path, `must be ${nonEmpty ? 'a non-empty' : 'an'} array, got ${Array.isArray(value) ? 'an empty array' : show(value)}`);
  return [];
}

/**
 * Per input name: `number`, the list of categories, or `invalid` for an input already reported
 * (so the checks that refer to it do not report it again). Undefined when `inputs` itself is
 * broken: then nothing that refers to inputs can be checked.
 */
type InputKinds = ReadonlyMap<string, 'number' | 'invalid' | readonly string[]> | undefined;

/** Validates `inputs` and returns their kinds by name, for the checks that refer to them. */
function checkInputs(value: unknown, report: Report): InputKinds {
  if (!Array.isArray(value) || value.length === 0) {
    checkArray(value, 'inputs', report, true);
    return undefined;
  }
  const types = new Map<string, 'number' | 'invalid' | readonly string[]>();
  value.forEach((input: unknown, index) => {
    const path = at('inputs', index);
    if (!isPlainObject(input)) return report(path, `must be an object, got ${show(input)}`);
    const named = checkName(input['name'], at(path, 'name'), report);
    if (named && types.has(input['name'] as string)) report(at(path, 'name'), `${show(input['name'])} is already the name of another input`);
    checkString(input['description'], at(path, 'description'), report);
    if (input['type'] === 'number') {
      checkKeys(input, path, ['name', 'type', 'unit', 'description', 'range'], report);
      if (input['unit'] !== undefined) checkString(input['unit'], at(path, 'unit'), report);
      if (input['range'] !== undefined) checkRange(input['range'], at(path, 'range'), report);
    } else if (input['type'] === 'category') {
      checkKeys(input, path, ['name', 'type', 'description', 'categories'], report);
      checkCategories(input['categories'], at(path, 'categories'), report);
    } else {
      report(at(path, 'type'), `must be "number" or "category", got ${show(input['type'])}`);
    }
    if (named && !types.has(input['name'] as string)) types.set(input['name'] as string, inputKind(input));
  });
  return types;
}

function inputKind(input: Readonly<Record<string, unknown>>): 'number' | 'invalid' | readonly string[] {
  if (input['type'] === 'number') return 'number';
  if (input['type'] === 'category' && Array.isArray(input['categories'])) return input['categories'] as readonly string[];
  return 'invalid';
}

function checkRange(value: unknown, path: string, report: Report): void {
  if (!isPlainObject(value)) return report(path, `must be an object { min, max }, got ${show(value)}`);
  checkKeys(value, path, ['min', 'max'], report);
  const min = checkFinite(value['min'], at(path, 'min'), report);
  const max = checkFinite(value['max'], at(path, 'max'), report);
  if (min && max && (value['min'] as number) >= (value['max'] as number)) report(path, `min must be below max, got min ${show(value['min'])} and max ${show(value['max'])}`);
}

function checkCategories(value: unknown, path: string, report: Report): void {
  const seen = new Set<string>();
  checkArray(value, path, report, true).forEach((category, index) => {
    if (typeof category !== 'string' || category === '') return report(at(path, index), `must be a non-empty string, got ${show(category)}`);
    if (seen.has(category)) report(at(path, index), `${show(category)} is listed twice`);
    seen.add(category);
  });
}

/** Validates `engineered` and returns the names of its features. */
function checkEngineered(value: unknown, inputs: InputKinds, report: Report): Set<string> {
  const names = new Set<string>();
  checkArray(value, 'engineered', report, false).forEach((feature, index) => {
    const path = at('engineered', index);
    if (!isPlainObject(feature)) return report(path, `must be an object, got ${show(feature)}`);
    checkKeys(feature, path, ['name', 'unit', 'description'], report);
    checkString(feature['description'], at(path, 'description'), report);
    const name = feature['name'];
    const formula = typeof name === 'string' ? engineeredFormula(name) : undefined;
    if (formula === undefined) {
      return report(at(path, 'name'), `must be one of the engineered features this code computes (${Object.keys(engineeredFeatureCatalogue).join(', ')}), got ${show(name)}`);
    }
    const featureName = name as string;
    if (names.has(featureName) || inputs?.has(featureName) === true) report(at(path, 'name'), `${show(featureName)} is already the name of another input or feature`);
    names.add(featureName);
    if (feature['unit'] !== formula.unit) report(at(path, 'unit'), `must be ${show(formula.unit)} (the unit ${featureName} is computed in), got ${show(feature['unit'])}`);
    for (const required of formula.requires) {
      const kind = inputs?.get(required) ?? 'missing';
      if (inputs !== undefined && kind !== 'number' && kind !== 'invalid') report(at(path, 'name'), `${featureName} is computed from the number input "${required}"; add it to inputs`);
    }
  });
  return names;
}

function checkOutputs(value: unknown, report: Report): void {
  if (!isPlainObject(value)) return report('outputs', `must be an object { classes, positiveClass, threshold }, got ${show(value)}`);
  checkKeys(value, 'outputs', ['classes', 'positiveClass', 'threshold'], report);
  const classes = value['classes'];
  const twoClasses =
    Array.isArray(classes) && classes.length === 2 && classes.every((name) => typeof name === 'string' && name !== '') && classes[0] !== classes[1];
  if (!twoClasses) report('outputs.classes', `must be two different non-empty class names, e.g. ["ok", "failure"], got ${JSON.stringify(classes) ?? 'nothing'}`);
  if (twoClasses && !classes.includes(value['positiveClass'])) {
    report('outputs.positiveClass', `must be one of the classes ${JSON.stringify(classes)}, got ${show(value['positiveClass'])}`);
  }
  const threshold = value['threshold'];
  if (checkFinite(threshold, 'outputs.threshold', report) && (threshold < 0 || threshold > 1)) {
    report('outputs.threshold', `must be a probability between 0 and 1, got ${threshold}`);
  }
}

function checkFeatureOrder(value: unknown, inputs: InputKinds, engineered: ReadonlySet<string>, report: Report): void {
  const seen = new Set<string>();
  checkArray(value, 'featureOrder', report, true).forEach((feature, index) => {
    const path = at('featureOrder', index);
    if (typeof feature !== 'string') return report(path, `must be a feature name, got ${show(feature)}`);
    if (seen.has(feature)) report(path, `${show(feature)} is listed twice`);
    seen.add(feature);
    const separator = feature.indexOf('=');
    if (inputs === undefined) return;
    const categories = separator > 0 ? inputs.get(feature.slice(0, separator)) : undefined;
    const oneHot = categories === 'invalid' || (Array.isArray(categories) && categories.includes(feature.slice(separator + 1)));
    if (!(inputs.has(feature) || engineered.has(feature) || oneHot)) {
      report(path, `${show(feature)} is no input, engineered feature or one-hot "input=category" of this contract`);
    }
  });
}
