import { defineAdmissionPolicy } from '../model/define-admission-policy.ts';
import { noOffendingContainers, offendingContainers, podTemplateVariables, workloadRules } from './workload-cel.ts';

/**
 * Every container's root filesystem is read-only; a component declares the directories it
 * writes as emptyDir or PVC mounts. A compromised container then cannot drop binaries into its
 * image, and writes that would fill an edge node's SD card are visible in the manifest.
 */
export const readOnlyRootFilesystem = defineAdmissionPolicy({
  name: 'millwright-read-only-root-filesystem',
  description: 'Every container runs with a read-only root filesystem.',
  resourceRules: workloadRules,
  variables: [...podTemplateVariables, offendingContainers('writableRoot', 'c.?securityContext.?readOnlyRootFilesystem.orValue(false) != true')],
  validations: [
    noOffendingContainers('writableRoot', 'have a writable root filesystem; set securityContext.readOnlyRootFilesystem: true and mount writable dirs'),
  ],
});
