import { names, type KubeObject } from '@millwright/platform';
import { parseYamlFile, type OutputFile, type TreeProblem } from '@millwright/manifests';
import type { PolicyTarget } from '@millwright/policy';

/** The objects the gate tests, and anything that could not be read as one. */
export interface CollectedTargets {
  readonly targets: PolicyTarget[];
  readonly problems: TreeProblem[];
}

function isKubeObject(value: unknown): value is KubeObject {
  const candidate = value as Partial<KubeObject> | null;
  return typeof candidate?.apiVersion === 'string' && typeof candidate.kind === 'string' && typeof candidate.metadata?.name === 'string';
}

/** `k8s/<component>/overlays/<cluster>` → `<cluster>`. */
function clusterOfOverlay(dir: string): string {
  return dir.slice(dir.lastIndexOf('/') + 1);
}

/**
 * Everything the clusters and the delivery engines will be given: each overlay's built objects
 * (what Argo CD and Fleet apply, patches included), tagged with the overlay's cluster so
 * cross-object policies look only at objects that land together; then the objects rendered
 * under `bootstrap/` (Argo CD) and `fleet/` (Rancher), each in a group of its own root.
 */
export function collectPolicyTargets(files: readonly OutputFile[], built: ReadonlyMap<string, readonly KubeObject[]>): CollectedTargets {
  const targets: PolicyTarget[] = [];
  const problems: TreeProblem[] = [];
  for (const dir of [...built.keys()].sort()) {
    for (const object of built.get(dir)!) targets.push({ object, file: dir, cluster: clusterOfOverlay(dir) });
  }
  for (const root of [names.bootstrapRoot, names.fleetRoot]) {
    for (const file of files) {
      if (!file.path.startsWith(`${root}/`) || !file.path.endsWith('.yaml')) continue;
      const parsed = parseYamlFile(file);
      problems.push(...parsed.problems);
      parsed.documents.forEach((document, index) => {
        if (isKubeObject(document)) targets.push({ object: document, file: file.path, cluster: root });
        else problems.push({ file: file.path, message: `document ${index + 1} is not a Kubernetes object (apiVersion, kind, metadata.name)` });
      });
    }
  }
  return { targets, problems };
}
