import type { KubeObject } from '@millwright/platform';

/**
 * `deployment-mlflow.yaml`: one file per object, named by kind and name; an object outside the
 * component's own namespace also carries its namespace (`networkpolicy-millwright-ot-default-deny.yaml`).
 */
export function objectFileName(object: Pick<KubeObject, 'kind' | 'metadata'>, componentNamespace?: string): string {
  const { namespace, name } = object.metadata;
  const scope = namespace && componentNamespace && namespace !== componentNamespace ? `${namespace}-` : '';
  return `${object.kind.toLowerCase()}-${scope}${name}.yaml`;
}
