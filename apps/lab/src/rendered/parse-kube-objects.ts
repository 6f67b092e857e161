import type { KubeObject } from '@millwright/kube';
import { parseAllDocuments } from 'yaml';

/**
 * The objects of a multi-document YAML stream (`kubectl kustomize` output); empty documents are
 * skipped. `origin` names the stream in errors.
 * @throws Error naming `origin` and each document that is not valid YAML or not an object with kind and name
 */
export function parseKubeObjects(text: string, origin: string): KubeObject[] {
  const problems: string[] = [];
  const objects: KubeObject[] = [];
  parseAllDocuments(text).forEach((document, index) => {
    if (document.errors.length > 0) {
      problems.push(`document ${index + 1}: ${document.errors.map((error) => error.message).join('; ')}`);
      return;
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) return;
    const object = value as Partial<KubeObject>;
    if (typeof object !== 'object' || typeof object.kind !== 'string' || typeof object.metadata?.name !== 'string') {
      problems.push(`document ${index + 1} is not a Kubernetes object with kind and metadata.name`);
      return;
    }
    objects.push(object as KubeObject);
  });
  if (problems.length > 0) throw new Error(`${origin}: ${problems.join('; ')}`);
  return objects;
}
