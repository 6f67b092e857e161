import { Namespace } from 'kubernetes-models/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { names } from '../model/names.ts';
import { everywhere } from '../model/placement.ts';
import { planes, type ComponentDefinition } from '../model/types.ts';
import type { KubeObject } from '../kube/kube-object.ts';

/**
 * One namespace per plane, enforcing Pod Security "restricted", each with a default-deny
 * NetworkPolicy (every other component opens only the flows it declares) and DNS egress.
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
  build: (context) =>
    planes.flatMap((plane): KubeObject[] => {
      const namespace = context.namespaceOf(plane);
      const labels = {
        [names.labels.partOf]: context.platform.name,
        [names.labels.managedBy]: names.managedBy,
        [names.labels.millwrightPlane]: plane,
      };
      return [
        new Namespace({
          metadata: {
            name: namespace,
            labels: {
              ...labels,
              [names.labels.podSecurityEnforce]: 'restricted',
              [names.labels.podSecurityEnforceVersion]: 'latest',
              [names.labels.podSecurityWarn]: 'restricted',
              [names.labels.podSecurityAudit]: 'restricted',
            },
          },
        }),
        new NetworkPolicy({
          metadata: { name: 'default-deny', namespace, labels },
          spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
        }),
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
};
