import {
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
  type IMatchCondition,
  type INamedRuleWithOperations,
  type IParamKind,
  type IParamRef,
  type IValidatingAdmissionPolicy,
  type IValidatingAdmissionPolicyBinding,
  type IValidation,
  type IVariable,
} from 'kubernetes-models/admissionregistration.k8s.io/v1';
import { names } from '@millwright/kube';
import { policyNames } from './policy-names.ts';
import type { AdmissionPolicy, LabelSelector, PolicyMode } from './policy-types.ts';

/** What one admission policy declares; everything else is resolved once, here. */
export interface AdmissionPolicyProps {
  /** `metadata.name` of the policy and of its binding. */
  readonly name: string;
  readonly description: string;
  /** The kinds the policy checks; operations default to CREATE and UPDATE. */
  readonly resourceRules: readonly INamedRuleWithOperations[];
  /**
   * Namespaces the policy is about (e.g. the OT plane), by their labels.
   * @default every namespace
   */
  readonly namespaceSelector?: LabelSelector;
  /**
   * Namespaces the binding leaves out besides Kubernetes' own, by their labels (the policy object
   * stays the same, so a cluster's binding can say it differently).
   * @default none
   */
  readonly bindingExclusions?: NonNullable<LabelSelector['matchExpressions']>;
  readonly matchConditions?: readonly IMatchCondition[];
  /** Named sub-expressions, readable as `variables.<name>` in validations. */
  readonly variables?: readonly IVariable[];
  readonly validations: readonly IValidation[];
  /** The kind of the per-binding parameter object (`params`), when the policy needs one. */
  readonly paramKind?: IParamKind;
  readonly paramRef?: IParamRef;
  /** @default 'Deny' */
  readonly mode?: PolicyMode;
  /** @default true */
  readonly inCluster?: boolean;
}

const defaultOperations: INamedRuleWithOperations['operations'] = ['CREATE', 'UPDATE'];

/**
 * Builds a ValidatingAdmissionPolicy and its binding with kubernetes-models (schema-validated
 * here, so a typo in a field fails at load, not at admission). Every policy fails closed
 * (`failurePolicy: Fail`): an expression that errors rejects, as a broken check must not pass.
 * The binding never reaches into Kubernetes' own namespaces.
 */
export function defineAdmissionPolicy(props: AdmissionPolicyProps): AdmissionPolicy {
  const labels = { [names.labels.partOf]: 'millwright', [names.labels.managedBy]: names.managedBy };
  const metadata = { name: props.name, labels, annotations: { [policyNames.descriptionAnnotation]: props.description } };
  const policy = new ValidatingAdmissionPolicy({
    metadata,
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: props.resourceRules.map((rule) => ({ ...rule, operations: rule.operations ?? defaultOperations })),
        ...(props.namespaceSelector && { namespaceSelector: props.namespaceSelector }),
      },
      ...(props.paramKind && { paramKind: props.paramKind }),
      ...(props.matchConditions && { matchConditions: [...props.matchConditions] }),
      ...(props.variables && { variables: [...props.variables] }),
      validations: [...props.validations],
    },
  });
  const binding = new ValidatingAdmissionPolicyBinding({
    metadata,
    spec: {
      policyName: props.name,
      validationActions: [props.mode ?? 'Deny'],
      ...(props.paramRef && { paramRef: props.paramRef }),
      matchResources: {
        namespaceSelector: {
          matchExpressions: [
            { key: names.labels.namespaceName, operator: 'NotIn', values: [...names.systemNamespaces] },
            ...(props.bindingExclusions ?? []),
          ],
        },
      },
    },
  });
  policy.validate();
  binding.validate();
  return {
    type: 'admission',
    name: props.name,
    description: props.description,
    policy: policy.toJSON() as IValidatingAdmissionPolicy,
    binding: binding.toJSON() as IValidatingAdmissionPolicyBinding,
    inCluster: props.inCluster ?? true,
  };
}
