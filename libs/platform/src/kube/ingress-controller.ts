import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { names } from '../model/names.ts';
import type { BuildContext } from '../model/types.ts';
import type { KubeObject } from './kube-object.ts';

/**
 * Traefik's HTTPS entry point (port 443), where every route is served, HTTP and TCP alike: a
 * password never crosses the network in clear text, and one port serves every host.
 */
export const traefikSecureEntryPoint = 'websecure';

/** The labels of the objects a component's routes render. */
export function routeLabels(context: BuildContext): Record<string, string> {
  return { [names.labels.partOf]: context.platform.name, [names.labels.managedBy]: names.managedBy, [names.labels.millwrightComponent]: context.component };
}

/**
 * `<component>-from-ingress`: admits Traefik (kube-system) to the pods' ports behind the
 * component's routes, HTTP and TCP; the namespace denies everything else.
 */
export function fromIngressController(context: BuildContext, podPorts: readonly number[]): KubeObject {
  const ports = [...new Set(podPorts)].sort((a, b) => a - b);
  return new NetworkPolicy({
    metadata: { name: `${context.component}-from-ingress`, namespace: context.namespace, labels: routeLabels(context) },
    spec: {
      podSelector: { matchLabels: { [names.labels.millwrightComponent]: context.component } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { [names.labels.namespaceName]: names.traefik.namespace } },
              podSelector: { matchLabels: { [names.traefik.podLabel.key]: names.traefik.podLabel.value } },
            },
          ],
          ports: ports.map((port) => ({ protocol: 'TCP' as const, port })),
        },
      ],
    },
  }).toJSON() as unknown as KubeObject;
}
