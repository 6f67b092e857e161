import { describeValue, type FieldError } from '@millwright/contract';

/**
 * The few JSON Schema keywords the telemetry schema uses, and a validator for exactly them. The
 * schema is then the single statement of the message format: published as JSON Schema for other
 * consumers, and interpreted here to parse messages (Ajv stays a test dependency; a test holds
 * the two to the same verdicts). A pattern's failure is reported with the node's `description`,
 * since a regular expression is no help to whoever sent the message.
 */
export interface SchemaNode {
  readonly type: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: false;
  readonly items?: SchemaNode;
  readonly uniqueItems?: true;
  readonly const?: string | number;
  readonly enum?: readonly string[];
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly maximum?: number;
}

const article: Readonly<Record<SchemaNode['type'], string>> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a finite number',
  integer: 'a whole number',
  boolean: 'true or false',
};

function hasType(node: SchemaNode, value: unknown): boolean {
  switch (node.type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
  }
}

function at(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'number' && Number.isFinite(value) ? String(value) : describeValue(value);
}

function numberProblem(node: SchemaNode, value: number): string | undefined {
  if (node.minimum !== undefined && value < node.minimum) return `must be ≥ ${node.minimum}, got ${value}`;
  if (node.exclusiveMinimum !== undefined && value <= node.exclusiveMinimum) return `must be > ${node.exclusiveMinimum}, got ${value}`;
  if (node.maximum !== undefined && value > node.maximum) return `must be ≤ ${node.maximum}, got ${value}`;
  return undefined;
}

/** Compiled patterns: a gateway parses tens of thousands of messages a second. */
const patterns = new Map<string, RegExp>();

function matches(pattern: string, value: string): boolean {
  let regex = patterns.get(pattern);
  if (regex === undefined) {
    // The `u` flag is how JSON Schema validators (Ajv among them) read patterns.
    regex = new RegExp(pattern, 'u');
    patterns.set(pattern, regex);
  }
  return regex.test(value);
}

/** The length of a string in code points (JSON Schema's measure), counted without allocating. */
function codePoints(value: string): number {
  let count = 0;
  for (let index = 0; index < value.length; index += 1) {
    const unit = value.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < value.length) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index += 1;
    }
    count += 1;
  }
  return count;
}

function stringProblem(node: SchemaNode, value: string): string | undefined {
  // JSON Schema counts characters as code points, not UTF-16 units. A string has at most as many
  // code points as units and at least half as many, so most need no counting at all.
  const { minLength, maxLength } = node;
  if ((minLength !== undefined && value.length < 2 * minLength) || (maxLength !== undefined && value.length > maxLength)) {
    const length = codePoints(value);
    if (minLength !== undefined && length < minLength) return `must be at least ${minLength} character${minLength === 1 ? '' : 's'} long`;
    if (maxLength !== undefined && length > maxLength) return `must be at most ${maxLength} characters long, got ${length}`;
  }
  if (node.pattern !== undefined && !matches(node.pattern, value)) return `must be ${node.description ?? `text matching ${node.pattern}`}, got ${show(value)}`;
  return undefined;
}

/**
 * Checks a parsed JSON value against a schema node and appends one error per problem found,
 * with its path (`readings.torque.unit`). Never throws.
 */
export function validateAgainstSchema(node: SchemaNode, value: unknown, path: string, errors: FieldError[]): void {
  validateValue(node, value, path, undefined, errors);
}

/**
 * The value at `parent` + `key` (no key: the value at `parent` itself). The path is joined only
 * where it is needed — for an error, or to descend into an object or array — because a gateway
 * validates tens of thousands of messages a second and nearly all of them are valid.
 */
function validateValue(node: SchemaNode, value: unknown, parent: string, key: string | number | undefined, errors: FieldError[]): void {
  const problem = valueProblem(node, value);
  if (problem !== undefined) {
    errors.push({ field: fieldName(parent, key), reason: problem });
    return;
  }
  if (Array.isArray(value)) validateItems(node, value, pathOf(parent, key), errors);
  else if (node.type === 'object') validateProperties(node, value as Readonly<Record<string, unknown>>, pathOf(parent, key), errors);
}

function pathOf(parent: string, key: string | number | undefined): string {
  return key === undefined ? parent : at(parent, key);
}

function fieldName(parent: string, key: string | number | undefined): string {
  return pathOf(parent, key) || '(message)';
}

/** What is wrong with the value itself (its type, const, enum, bounds, length or pattern). */
function valueProblem(node: SchemaNode, value: unknown): string | undefined {
  if (!hasType(node, value)) return `must be ${article[node.type]}, got ${describeValue(value)}`;
  if (node.const !== undefined && value !== node.const) return `must be ${show(node.const)}, got ${show(value)}`;
  if (node.enum !== undefined && !node.enum.includes(value as string)) return `must be one of ${node.enum.map((option) => JSON.stringify(option)).join(', ')}, got ${show(value)}`;
  return typeof value === 'number' ? numberProblem(node, value) : typeof value === 'string' ? stringProblem(node, value) : undefined;
}

function validateItems(node: SchemaNode, value: readonly unknown[], path: string, errors: FieldError[]): void {
  value.forEach((item, index) => {
    if (node.items !== undefined) validateValue(node.items, item, path, index, errors);
    if (node.uniqueItems === true && typeof item !== 'object' && value.indexOf(item) < index) {
      errors.push({ field: at(path, index), reason: `${show(item)} is listed twice` });
    }
  });
}

const noProperties: Readonly<Record<string, SchemaNode>> = {};

function validateProperties(node: SchemaNode, value: Readonly<Record<string, unknown>>, path: string, errors: FieldError[]): void {
  const properties = node.properties ?? noProperties;
  for (const name of node.required ?? []) {
    if (!Object.hasOwn(value, name)) errors.push({ field: at(path, name), reason: `is required: ${describeNode(properties[name])}` });
  }
  // for…in rather than Object.entries/keys: no arrays allocated per object per message. JSON.parse
  // builds plain objects, so every key for…in meets is the value's own.
  for (const name in properties) {
    if (Object.hasOwn(value, name)) validateValue(properties[name]!, value[name], path, name, errors);
  }
  if (node.additionalProperties === false) {
    for (const name in value) {
      if (!Object.hasOwn(properties, name)) errors.push({ field: at(path, name), reason: `is not a field here; the fields are ${Object.keys(properties).join(', ')}` });
    }
  }
}

function describeNode(node: SchemaNode | undefined): string {
  if (node === undefined) return 'a value';
  if (node.const !== undefined) return show(node.const);
  if (node.enum !== undefined) return `one of ${node.enum.map((option) => JSON.stringify(option)).join(', ')}`;
  return node.description ?? article[node.type];
}
