import { names } from '@millwright/kube';
import { defineAdmissionPolicy } from '../model/define-admission-policy.ts';
import { celString, workloadRules } from './workload-cel.ts';

const required = `[${celString(names.labels.name)}, ${celString(names.labels.partOf)}]`;
const missingFrom = (labels: string) => `${required}.filter(k, ${labels}[?k].orValue("") == "")`;

/**
 * Workloads, their pod templates and Services carry `app.kubernetes.io/name` and
 * `app.kubernetes.io/part-of`: dashboards, alerts, NetworkPolicies and `kubectl get -l` find the
 * platform's objects by them, and an unlabelled pod is invisible to all of them.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
 */
export const recommendedLabels = defineAdmissionPolicy({
  name: 'millwright-recommended-labels',
  description: `Workloads, their pods and Services carry the ${names.labels.name} and ${names.labels.partOf} labels.`,
  resourceRules: [...workloadRules, { apiGroups: [''], apiVersions: ['v1'], resources: ['services'] }],
  variables: [
    { name: 'missing', expression: missingFrom('object.metadata.?labels.orValue({})') },
    {
      name: 'missingOnPods',
      expression: `object.kind == "Service" ? [] : ${missingFrom(
        '(object.kind == "CronJob" ? object.spec.jobTemplate.spec.template : object.spec.template).?metadata.?labels.orValue({})',
      )}`,
    },
  ],
  validations: [
    {
      expression: 'size(variables.missing) == 0',
      messageExpression: '"missing label(s) " + variables.missing.join(", ") + "; set them in metadata.labels"',
    },
    {
      expression: 'size(variables.missingOnPods) == 0',
      messageExpression: '"pod template is missing label(s) " + variables.missingOnPods.join(", ") + "; set them in the template\'s metadata.labels"',
    },
  ],
});
