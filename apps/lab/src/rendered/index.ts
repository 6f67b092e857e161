// What the lab reads from the rendered platform: objects per cluster, Secret values, workloads, Services.
export { buildClusterObjects, clusterOverlayDirs, type BuildClusterObjectsOptions } from './build-cluster-objects.ts';
export { writeRenderedTree } from './write-rendered-tree.ts';
export { parseKubeObjects } from './parse-kube-objects.ts';
export { labSecretValues, labOperatorUser, type LabLogin, type LabSecrets } from './lab-secret-values.ts';
export { secretKeyFormat, type SecretKeyFormat } from './secret-key-formats.ts';
export { bcryptHash, htpasswdLine, mosquittoPasswordLine } from './password-hashes.ts';
export { seededRandomBytes, systemRandomBytes, type RandomBytes } from './random-bytes.ts';
export { secretPath, type SecretValuesByPath } from './secret-values.ts';
export { labWorkloads, type LabWorkloadsOptions } from './lab-workloads.ts';
export * from './lab-workload.ts';
export { labServices, serviceDnsNames, clusterDomain, type LabService, type LabServicePort } from './lab-services.ts';
export { expandReferences } from './expand-references.ts';
export { RenderedObjectsError } from './rendered-objects-error.ts';
