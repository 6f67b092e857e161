import { defineAdmissionPolicy } from '../model/define-admission-policy.ts';
import { longRunningWorkloadRules, noOffendingContainers, offendingContainers, podTemplateVariables } from './workload-cel.ts';

/**
 * Long-running workloads (Deployment, StatefulSet, DaemonSet) declare liveness and readiness
 * probes on every regular container: readiness keeps traffic off a model server that is still
 * loading, liveness restarts a hung MQTT consumer. Jobs and CronJobs run to completion and init
 * containers exit, so neither is matched.
 */
export const probesDeclared = defineAdmissionPolicy({
  name: 'millwright-probes-declared',
  description: 'Containers of long-running workloads declare liveness and readiness probes.',
  resourceRules: longRunningWorkloadRules,
  variables: [
    ...podTemplateVariables,
    offendingContainers('withoutLiveness', '!has(c.livenessProbe)', 'variables.podSpec.containers'),
    offendingContainers('withoutReadiness', '!has(c.readinessProbe)', 'variables.podSpec.containers'),
  ],
  validations: [
    noOffendingContainers('withoutLiveness', 'have no liveness probe; declare livenessProbe'),
    noOffendingContainers('withoutReadiness', 'have no readiness probe; declare readinessProbe'),
  ],
});
