/**
 * Tiny builders for the strict JSON Schemas of the Helm values we generate (`HelmChart.valuesSchema`).
 * A schema names exactly the keys we set, level by level, so a misspelt key fails a test instead
 * of being ignored by the chart; below a key whose content we pass whole (resources, labels,
 * security contexts), it only checks the type.
 */

/** A JSON Schema fragment. */
export type Schema = Readonly<Record<string, unknown>>;

/** An object with exactly these optional keys. */
export function strictObject(properties: Readonly<Record<string, Schema>>): Schema {
  return { type: 'object', additionalProperties: false, properties };
}

/** A map with free keys, each value matching `values`. */
export function mapOf(values: Schema): Schema {
  return { type: 'object', additionalProperties: values };
}

export const string: Schema = { type: 'string' };
export const boolean: Schema = { type: 'boolean' };
export const integer: Schema = { type: 'integer' };
/** An object passed to the chart whole (its content is the chart's or Kubernetes' business). */
export const anyObject: Schema = { type: 'object' };
export const stringMap: Schema = mapOf(string);

/** A list whose items match `items`. */
export function arrayOf(items: Schema): Schema {
  return { type: 'array', items };
}

/** `{requests: {cpu, memory}, limits: {cpu, memory}}`, as every chart takes it. */
export const resourcesSchema: Schema = strictObject({
  requests: strictObject({ cpu: string, memory: string }),
  limits: strictObject({ cpu: string, memory: string }),
});

/** A complete strict values schema (draft 2020-12) with its title. */
export function valuesSchema(title: string, properties: Readonly<Record<string, Schema>>): Schema {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', title, ...strictObject(properties) };
}
