import { names } from '@millwright/kube';
import { defineAdmissionPolicy } from '../model/define-admission-policy.ts';
import { celString, workloadRules } from './workload-cel.ts';

const required = `[${celString(names.labels.name)}, ${celString(names.labels.partOf)}]`;
const missingFrom = (labels: string) => `${required}.filter(k, ${labels}[?k].orValue("") == "")`;
const objectLabels = 'object.metadata.?labels.orValue({})';
/** Helm labels a chart's objects with either of these; we cannot add part-of to the objects themselves. */
const helmManaged = [names.labels.managedBy, names.labels.helmHeritage]
  .map((key) => `${objectLabels}[?${celString(key)}].orValue("") == ${celString(names.helmManagedBy)}`)
  .join(' || ');

/**
 * Workloads, their pod templates and Services carry `app.kubernetes.io/name` and
 * `app.kubernetes.io/part-of`: dashboards, alerts, NetworkPolicies and `kubectl get -l` find the
 * platform's objects by them, and an unlabelled pod is invisible to all of them. Objects Helm
 * labels are held to it for their pod templates only.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
 */
export const recommendedLabels = defineAdmissionPolicy({
  name: 'millwright-recommended-labels',
  description: `Workloads, their pods and Services carry the ${names.labels.name} and ${names.labels.partOf} labels.`,
  resourceRules: [...workloadRules, { apiGroups: [''], apiVersions: ['v1'], resources: ['services'] }],
  variables: [
    // A chart (rendered by Argo CD or Fleet in the cluster, never seen by the offline gate) labels
    // its own workloads and Services, and most charts have no value that adds part-of to them;
    // their pods get it through the values (chartPodLabels), so the pod template is still checked.
    { name: 'missing', expression: `(${helmManaged}) ? [] : ${missingFrom(objectLabels)}` },
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
