import { describeObject, type KubeObject } from '@millwright/platform';
import { isCertManagerObject, validateCertManagerObject } from './cert-manager-schemas.ts';
import { modelFor } from './object-models.ts';
import { isMetallbObject, validateMetallbObject } from './metallb-schemas.ts';
import { isTraefikObject, validateTraefikObject } from './traefik-schemas.ts';
import { withFieldTracking } from './unknown-fields.ts';

/**
 * Fields whose schema in the generated models is empty (`{}`), so the validator never reads them
 * and the unknown-field check would flag a correct field. Each entry was checked against the
 * upstream CRD.
 */
const fieldsWithEmptySchemas: Readonly<Record<string, readonly string[]>> = {
  // argoproj.io AppProject: `spec.description` is a string in the CRD, `{}` in the model.
  'argoproj.io/v1alpha1/AppProject': ['spec.description'],
};

/**
 * Validates one Kubernetes object: its kubernetes-models schema (types, required fields, enums,
 * formats) and, since those schemas accept anything extra, a check for fields they do not know.
 * Returns one message per problem, e.g. `Deployment/ns/api: data/spec must have required
 * property 'selector'` or `... unknown field spec.template.spec.containers[0].imagePullPolicyy`.
 */
export function validateObject(object: KubeObject): string[] {
  const where = describeObject(object);
  if (isTraefikObject(object)) return validateTraefikObject(object).map((problem) => `${where}: ${problem}`);
  if (isMetallbObject(object)) return validateMetallbObject(object).map((problem) => `${where}: ${problem}`);
  if (isCertManagerObject(object)) return validateCertManagerObject(object).map((problem) => `${where}: ${problem}`);
  const model = modelFor(object.apiVersion, object.kind);
  if (!model) return [`${where}: no schema for ${object.apiVersion} ${object.kind}; add its model to object-models.ts`];
  const problems: string[] = [];
  const unknown = withFieldTracking(object, (proxy) => {
    try {
      model.prototype.validate.call(proxy);
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
  });
  const ignored = fieldsWithEmptySchemas[`${object.apiVersion}/${object.kind}`] ?? [];
  for (const field of unknown) if (!ignored.includes(field)) problems.push(`${where}: unknown field ${field}`);
  return problems;
}
