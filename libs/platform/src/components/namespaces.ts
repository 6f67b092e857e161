import { Namespace } from 'kubernetes-models/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { names } from '../model/names.ts';
import { everywhere } from '../model/placement.ts';
import { planes, type BuildContext, type ComponentDefinition } from '../model/types.ts';
import type { KubeObject } from '../kube/kube-object.ts';
import { hostAgentsNamespace } from './chart-support.ts';
import { monitoringStack, prometheusAgent } from './metrics-collection.ts';

/** A namespace's default-deny NetworkPolicy: no pod receives or sends anything not allowed elsewhere. */
function defaultDeny(namespace: string, labels: Record<string, string>): NetworkPolicy {
  return new NetworkPolicy({
    metadata: { name: 'default-deny', namespace, labels },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
}

/** A Namespace with its Pod Security levels (enforced at the latest version, warned, audited). */
function namespaceObject(
  name: string,
  labels: Record<string, string>,
  podSecurity: { enforce: string; warn?: string; audit: string },
): Namespace {
  return new Namespace({
    metadata: {
      name,
      labels: {
        ...labels,
        [names.labels.podSecurityEnforce]: podSecurity.enforce,
        [names.labels.podSecurityEnforceVersion]: 'latest',
        ...(podSecurity.warn && { [names.labels.podSecurityWarn]: podSecurity.warn }),
        [names.labels.podSecurityAudit]: podSecurity.audit,
      },
    },
  });
}

/**
 * The host-agents namespace (see `hostAgentsNamespace`): Pod Security "privileged", audited
 * against "restricted", default-deny, and no plane label, so the platform's admission bindings,
 * which select plane namespaces, leave node-exporter alone.
 */
function hostAgentsObjects(platform: BuildContext['platform']): KubeObject[] {
  const namespace = hostAgentsNamespace(platform);
  const labels = { [names.labels.partOf]: platform.name, [names.labels.managedBy]: names.managedBy };
  return [
    namespaceObject(namespace, labels, { enforce: 'privileged', audit: 'restricted' }),
    defaultDeny(namespace, labels),
  ] as unknown as KubeObject[];
}

/**
 * One namespace per plane, enforcing Pod Security "restricted", each with a default-deny
 * NetworkPolicy (every other component opens only the flows it declares) and DNS egress; and,
 * where a monitoring stack runs, the host-agents namespace of node-exporter.
 */
export const namespaces: ComponentDefinition = {
  name: 'namespaces',
  description: 'Plane namespaces with Pod Security "restricted", default-deny NetworkPolicies and DNS egress',
  plane: 'governance',
  wave: 'foundation',
  placement: everywhere,
  dependsOn: [],
  images: {},
  imageSource: 'no image',
  ports: [],
  flows: [],
  secrets: [],
  build: (context) => [
    ...planes.flatMap((plane): KubeObject[] => {
      const namespace = context.namespaceOf(plane);
      const labels = {
        [names.labels.partOf]: context.platform.name,
        [names.labels.managedBy]: names.managedBy,
        [names.labels.millwrightPlane]: plane,
      };
      return [
        namespaceObject(namespace, labels, { enforce: 'restricted', warn: 'restricted', audit: 'restricted' }),
        defaultDeny(namespace, labels),
        new NetworkPolicy({
          metadata: { name: 'allow-dns', namespace, labels },
          spec: {
            podSelector: {},
            policyTypes: ['Egress'],
            egress: [
              {
                to: [
                  {
                    namespaceSelector: { matchLabels: { [names.labels.namespaceName]: 'kube-system' } },
                    podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
                  },
                ],
                ports: [
                  { protocol: 'UDP', port: 53 },
                  { protocol: 'TCP', port: 53 },
                ],
              },
            ],
          },
        }),
      ] as unknown as KubeObject[];
    }),
    // node-exporter's namespace exists before the monitoring charts that install into it
    // (Fleet deploys a chart bundle before the component's own objects).
    ...([monitoringStack, prometheusAgent].some((name) => context.isDeployed(name)) ? hostAgentsObjects(context.platform) : []),
  ],
};
