import { policies, policyMode, type AdmissionPolicy, type LabelSelector } from '@millwright/policy';
import type { KubeObject } from '../kube/kube-object.ts';
import { names } from '../model/names.ts';
import { everywhere } from '../model/placement.ts';
import type { AdmissionAction, BuildContext, Cluster, ComponentDefinition } from '../model/types.ts';

/**
 * The gate's admission policies that the cluster enforces too. Tree-only policies stay out
 * (`inCluster: false`: "no Secret with data" — in the cluster Secrets carry data by design), and
 * so do the runner-level set policies, which admission cannot express.
 */
export const inClusterPolicies: readonly AdmissionPolicy[] = policies.filter(
  (policy): policy is AdmissionPolicy => policy.type === 'admission' && policy.inCluster,
);

/**
 * A binding's `validationActions` on a cluster: the cluster's `admission` setting, but never
 * stricter than the policy's own mode — a policy the gate only warns about (rolled out with
 * `withMode(policy, 'Warn')`) is never denied at admission either.
 */
export function admissionActionsFor(policy: AdmissionPolicy, cluster: Pick<Cluster, 'admission'>): AdmissionAction[] {
  if (cluster.admission === 'Deny' && policyMode(policy) === 'Warn') return ['Warn'];
  return [cluster.admission];
}

/**
 * The namespaces in-cluster bindings reach: only the platform's own plane namespaces (labelled
 * `millwright.io/plane` by the namespaces component), and never Kubernetes' own, Argo CD's,
 * Fleet's or Rancher's, even if someone labels them. A label selector cannot say `cattle-*`, so
 * the plane label does the keeping out; the explicit list makes the intent readable. A policy
 * that refused a delivery engine's own pods could stop the very sync that would fix it.
 */
export function inClusterNamespaceSelector(): LabelSelector {
  return {
    matchExpressions: [
      { key: names.labels.millwrightPlane, operator: 'Exists' },
      {
        key: names.labels.namespaceName,
        operator: 'NotIn',
        values: [...names.systemNamespaces, names.argoCdNamespace, ...names.deliveryNamespaces],
      },
    ],
  };
}

/**
 * The policies chart-rendered objects (labelled by Helm, `app.kubernetes.io/managed-by: Helm` or
 * `heritage: Helm`) are not held to in the cluster, each with the reason. A chart's objects are
 * not in the rendered tree (Argo CD and Fleet render the chart in the cluster), so the offline
 * gate cannot see what Deny would refuse, and a refused object stops the chart's whole sync.
 * Every other policy still binds chart objects (the recommended-labels policy spares only their
 * own metadata, never their pods), and everything we render ourselves (`managed-by: millwright`)
 * is held to every policy at admission and in the offline gate.
 */
export const chartExemptions: readonly { readonly policy: string; readonly reason: string }[] = [
  {
    policy: 'millwright-probes-declared',
    reason:
      "some chart containers have no probe and no value to add one (the Grafana dashboard sidecar, Alloy's config reloader, the Argo Workflows controller's readiness, Airflow's git-sync)",
  },
];

/**
 * What a chart-exempt policy's binding selects: objects carrying neither Helm label. Both
 * expressions must hold for a binding to match, so an object with either label is left out.
 */
const notHelmManaged: LabelSelector = {
  matchExpressions: [
    { key: names.labels.managedBy, operator: 'NotIn', values: [names.helmManagedBy] },
    { key: names.labels.helmHeritage, operator: 'NotIn', values: [names.helmManagedBy] },
  ],
};

const chartExemptPolicies = new Set(chartExemptions.map((exemption) => exemption.policy));

/** The policy that holds pod templates to Pod Security "restricted"; declared exceptions are left out of it. */
export const podSecurityRestrictedPolicy = 'millwright-pod-security-restricted';

/**
 * The namespaces the restricted policy leaves out on `cluster`: exactly the own namespaces of the
 * components that declare a Pod Security exception and run there. Every other policy still
 * binds them (they carry their plane label), and every other namespace stays restricted.
 */
export function podSecurityExemptNamespaces(context: BuildContext, cluster: Pick<Cluster, 'name'>): string[] {
  return context.podSecurityExemptions.filter((exemption) => exemption.clusters.includes(cluster.name)).map((exemption) => exemption.namespace);
}

/** The in-cluster namespace selector of one policy's binding on `cluster`. */
function bindingNamespaceSelector(context: BuildContext, cluster: Cluster, policy: string): LabelSelector {
  const selector = inClusterNamespaceSelector();
  const exempt = policy === podSecurityRestrictedPolicy ? podSecurityExemptNamespaces(context, cluster) : [];
  if (exempt.length === 0) return selector;
  return { matchExpressions: [...(selector.matchExpressions ?? []), { key: names.labels.namespaceName, operator: 'NotIn', values: exempt }] };
}

function labelled(context: BuildContext, labels: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return {
    ...labels,
    [names.labels.partOf]: context.platform.name,
    [names.labels.managedBy]: names.managedBy,
    [names.labels.millwrightComponent]: context.component,
  };
}

/**
 * The policy gate in the cluster: every in-cluster ValidatingAdmissionPolicy of libs/policy, as
 * the offline runner evaluates it, in the base; one binding per policy in each cluster's overlay,
 * acting as that cluster's `admission` setting says (Deny by default; Warn or Audit where the
 * config says so) and reaching only the platform's namespaces (the restricted policy leaves out
 * the own namespaces of components that declare a Pod Security exception). Cluster-scoped, first sync wave,
 * on every cluster. ValidatingAdmissionPolicy is GA from Kubernetes (K3s) 1.30.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
 */
export const admissionPolicies: ComponentDefinition = {
  name: 'admission-policies',
  description: "The policy gate's ValidatingAdmissionPolicies and bindings: admission enforces what CI checked",
  plane: 'governance',
  wave: 'foundation',
  placement: everywhere,
  // Nothing to wait for: the objects are cluster-scoped, and a same-wave dependency is one Argo CD
  // could not honour (waves are its only ordering). The first workloads come in wave `data`.
  dependsOn: [],
  images: {},
  imageSource: 'no image',
  ports: [],
  flows: [],
  secrets: [],
  build: (context) =>
    inClusterPolicies.map(
      ({ policy }) => ({ ...policy, metadata: { ...policy.metadata, labels: labelled(context, policy.metadata?.labels) } }) as unknown as KubeObject,
    ),
  buildForCluster: (context, cluster) =>
    inClusterPolicies.map((admission) => {
      const { binding } = admission;
      const spec = binding.spec!;
      return {
        ...binding,
        metadata: { ...binding.metadata, labels: labelled(context, binding.metadata?.labels) },
        spec: {
          ...spec,
          validationActions: admissionActionsFor(admission, cluster),
          matchResources: {
            ...spec.matchResources,
            namespaceSelector: bindingNamespaceSelector(context, cluster, admission.name),
            ...(chartExemptPolicies.has(admission.name) && { objectSelector: notHelmManaged }),
          },
        },
      } as unknown as KubeObject;
    }),
};
