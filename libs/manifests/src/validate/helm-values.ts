import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { chartBundleDir } from '@millwright/kube';
import { names, type ResolvedComponent } from '@millwright/platform';
import { describeSchemaError } from './fleet-schemas.ts';
import type { TreeProblem } from './validate-tree.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  const known = compiled.get(schema);
  if (known) return known;
  const validator = ajv.compile(schema);
  compiled.set(schema, validator);
  return validator;
}

/**
 * Checks the Helm values each chart-deploying component generates, per cluster, against the
 * component's strict schema of the keys it sets (`HelmChart.valuesSchema`): a misspelt key,
 * which the chart would silently ignore, is reported with its path. The chart itself cannot be
 * rendered here, so this is the check the values get; problems name the chart bundle's fleet.yaml.
 */
export function validateHelmValues(components: readonly ResolvedComponent[]): TreeProblem[] {
  const problems: TreeProblem[] = [];
  for (const component of components) {
    const helm = component.definition.helm;
    if (!helm) continue;
    const validate = validatorFor(helm.valuesSchema);
    const file = `${chartBundleDir(component.definition.name)}/${names.fleetBundleFile}`;
    for (const cluster of component.clusters) {
      const values = component.helmValues?.[cluster.name];
      if (values === undefined) {
        problems.push({ file, message: `no Helm values for cluster ${cluster.name}` });
      } else if (!validate(values)) {
        for (const error of validate.errors ?? []) problems.push({ file, message: `${helm.chart} values for ${cluster.name}: ${describeSchemaError(error)}` });
      }
    }
  }
  return problems;
}
