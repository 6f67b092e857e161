import { bundleDir, catalogue, overlayDir, type AdmissionAction, type KubeObject, type Platform } from '@millwright/platform';
import { renderTree } from '@millwright/manifests';
import type { AdmissionPolicy } from '@millwright/policy';
import type { IValidatingAdmissionPolicy, IValidatingAdmissionPolicyBinding } from 'kubernetes-models/admissionregistration.k8s.io/v1';
import { validateBuilds } from '../validate-builds.ts';

const admissionComponent = 'admission-policies';

/** `platform` with every cluster's `admission` set to `action`, as the config's `clusters[].admission` would. */
export function withAdmission(platform: Platform, action: AdmissionAction): Platform {
  return { ...platform, clusters: platform.clusters.map((cluster) => ({ ...cluster, admission: action })) };
}

/** The built `admission-policies` overlay of `cluster` when the clusters' admission is `action` (kubectl kustomize). */
export async function builtAdmissionOverlay(platform: Platform, cluster: string, action: AdmissionAction): Promise<readonly KubeObject[]> {
  const files = renderTree(withAdmission(platform, action), catalogue).files.filter((file) => file.path.startsWith(`${bundleDir(admissionComponent)}/`));
  const { built, problems } = await validateBuilds(files);
  const overlay = built.get(overlayDir(admissionComponent, cluster));
  if (!overlay || problems.length > 0) throw new Error(`${overlayDir(admissionComponent, cluster)} did not build: ${problems.map((p) => p.message).join('; ')}`);
  return overlay;
}

/**
 * The admission policies a cluster receives, read back from its built `admission-policies`
 * overlay: each ValidatingAdmissionPolicy with the binding of the same name, as the offline
 * runner takes them, so the runner judges with exactly what the cluster enforces.
 */
export function renderedAdmissionPolicies(overlayObjects: readonly KubeObject[]): AdmissionPolicy[] {
  const bindings = overlayObjects.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding');
  return overlayObjects
    .filter((o) => o.kind === 'ValidatingAdmissionPolicy')
    .map((policy) => ({
      type: 'admission',
      name: policy.metadata.name,
      description: '',
      policy: policy as unknown as IValidatingAdmissionPolicy,
      binding: bindings.find((b) => b.metadata.name === policy.metadata.name) as unknown as IValidatingAdmissionPolicyBinding,
      inCluster: true,
    }));
}
