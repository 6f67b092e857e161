import { names } from '@millwright/kube';
import { defineAdmissionPolicy } from '../model/define-admission-policy.ts';
import { celString, workloadRules } from './workload-cel.ts';

/**
 * Workloads in the OT (shop-floor/edge) plane select their nodes by CPU architecture
 * (`nodeSelector` with `kubernetes.io/arch`): edge clusters mix arm64 gateways with other
 * machines, and an image scheduled onto the wrong architecture crash-loops with "exec format
 * error" on the line. The plane is read from the namespace's `millwright.io/plane` label, so the
 * policy follows the namespace, whatever it is called.
 */
export const otNodeSelection = defineAdmissionPolicy({
  name: 'millwright-ot-node-selection',
  description: `Workloads in the OT plane select nodes with a nodeSelector on ${names.labels.arch}.`,
  resourceRules: workloadRules,
  namespaceSelector: { matchLabels: { [names.labels.millwrightPlane]: 'ot' } },
  validations: [
    {
      expression: `(object.kind == "CronJob" ? object.spec.jobTemplate.spec.template : object.spec.template).spec.?nodeSelector[?${celString(names.labels.arch)}].orValue("") != ""`,
      message: `workload in the OT plane does not select nodes by architecture; set spec.template.spec.nodeSelector["${names.labels.arch}"]`,
    },
  ],
});
