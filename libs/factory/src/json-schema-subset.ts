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

function stringProblem(node: SchemaNode, value: string): string | undefined {
  // JSON Schema counts characters as code points, not UTF-16 units.
  const length = [...value].length;
  if (node.minLength !== undefined && length < node.minLength) return `must be at least ${node.minLength} character${node.minLength === 1 ? '' : 's'} long`;
  if (node.maxLength !== undefined && length > node.maxLength) return `must be at most ${node.maxLength} characters long, got ${length}`;
  if (node.pattern !== undefined && !matches(node.pattern, value)) return `must be ${node.description ?? `text matching ${node.pattern}`}, got ${show(value)}`;
  return undefined;
}

/**
 * Checks a parsed JSON value against a schema node and appends one error per problem found,
 * with its path (`readings.torque.unit`). Never throws.
 */
export function validateAgainstSchema(node: SchemaNode, value: unknown, path: string, errors: FieldError[]): void {
  const field = path === '' ? '(message)' : path;
  if (!hasType(node, value)) {
    errors.push({ field, reason: `must be ${article[node.type]}, got ${describeValue(value)}` });
    return;
  }
  if (node.const !== undefined && value !== node.const) {
    errors.push({ field, reason: `must be ${show(node.const)}, got ${show(value)}` });
    return;
  }
  if (node.enum !== undefined && !node.enum.includes(value as string)) {
    errors.push({ field, reason: `must be one of ${node.enum.map((option) => JSON.stringify(option)).join(', ')}, got ${show(value)}` });
    return;
  }
  const problem = typeof value === 'number' ? numberProblem(node, value) : typeof value === 'string' ? stringProblem(node, value) : undefined;
  if (problem !== undefined) errors.push({ field, reason: problem });
  if (Array.isArray(value)) validateItems(node, value, path, errors);
  else if (node.type === 'object') validateProperties(node, value as Readonly<Record<string, unknown>>, path, errors);
}

function validateItems(node: SchemaNode, value: readonly unknown[], path: string, errors: FieldError[]): void {
  value.forEach((item, index) => {
    if (node.items !== undefined) validateAgainstSchema(node.items, item, at(path, index), errors);
    if (node.uniqueItems === true && typeof item !== 'object' && value.indexOf(item) < index) {
      errors.push({ field: at(path, index), reason: `${show(item)} is listed twice` });
    }
  });
}

function validateProperties(node: SchemaNode, value: Readonly<Record<string, unknown>>, path: string, errors: FieldError[]): void {
  const properties = node.properties ?? {};
  for (const name of node.required ?? []) {
    if (!Object.hasOwn(value, name)) errors.push({ field: at(path, name), reason: `is required: ${describeNode(properties[name])}` });
  }
  for (const [name, child] of Object.entries(properties)) {
    if (Object.hasOwn(value, name)) validateAgainstSchema(child, value[name], at(path, name), errors);
  }
  if (node.additionalProperties === false) {
    for (const name of Object.keys(value)) {
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
