import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { resources } from '../kube/resources.ts';
import type { KubeObject } from '../kube/kube-object.ts';
import { names } from '../model/names.ts';
import { everywhere } from '../model/placement.ts';
import type { BuildContext, Cluster, ComponentDefinition } from '../model/types.ts';
import { appsKind, chartBasics, chartNetworkPolicy, chartNodeSelector, chartPodLabels, chartRepositories, clusterRbac, customResourceDefinition, namespacedRbac, restrictedPod } from './chart-support.ts';
import { anyObject, boolean, stringMap, strictObject, valuesSchema } from './values-schema.ts';

/** The uid the chart runs the controller as (`controller.securityContext`, the chart's default: nobody). */
const nobody = 65534;
/** The port the controller's admission webhook listens on (the chart's `webhook-server` port). */
const webhookPort = 9443;
/** The address pool, and the L2 advertisement of it, on every cluster. */
const poolName = 'default';

const controllerSize = resources('50m', '64Mi', '200m', '128Mi');
const speakerSize = resources('50m', '64Mi', '200m', '128Mi');
const enabledOnly = strictObject({ enabled: boolean });

const metallbGroup = 'metallb.io/v1beta1';

function ownLabels(context: BuildContext): Record<string, string> {
  return { [names.labels.partOf]: context.platform.name, [names.labels.managedBy]: names.managedBy, [names.labels.millwrightComponent]: context.component };
}

/** The cluster's address pool, from `components.metallb.addresses.<cluster>` (the config requires it). */
function addressPool(context: BuildContext, cluster: Cluster): KubeObject {
  return {
    apiVersion: metallbGroup,
    kind: 'IPAddressPool',
    metadata: { name: poolName, namespace: context.namespace, labels: ownLabels(context) },
    spec: { addresses: [...(context.settings.addresses?.[cluster.name] ?? [])], autoAssign: true },
  };
}

/** Layer 2 mode: a speaker answers ARP/NDP for the pool's addresses; no router to configure. */
function l2Advertisement(context: BuildContext): KubeObject {
  return {
    apiVersion: metallbGroup,
    kind: 'L2Advertisement',
    metadata: { name: poolName, namespace: context.namespace, labels: ownLabels(context) },
    spec: { ipAddressPools: [poolName] },
  };
}

/**
 * The Kubernetes API server calls the controller's admission webhook (validating pools and
 * advertisements) from an address a policy cannot know, so any address, on that port only. The
 * speakers use the host network, which NetworkPolicies do not govern.
 */
function webhookNetworkPolicy(context: BuildContext): KubeObject {
  return new NetworkPolicy({
    metadata: { name: 'metallb-webhook', namespace: context.namespace, labels: ownLabels(context) },
    spec: {
      podSelector: { matchLabels: { [names.labels.millwrightComponent]: context.component } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: webhookPort }] }],
    },
  }).toJSON() as unknown as KubeObject;
}


/**
 * MetalLB, the bare-metal load balancer, in layer 2 mode: the controller hands out addresses from
 * each cluster's pool (`components.metallb.addresses.<cluster>`), a speaker on every node answers
 * ARP for them. Off by default: K3s's own ServiceLB serves LoadBalancer Services otherwise, and
 * must be disabled (`--disable servicelb`) where MetalLB runs.
 *
 * The speaker needs the host network and NET_RAW, which Pod Security "restricted" (and
 * "baseline") refuses, so MetalLB declares a "privileged" exception and runs in a namespace of
 * its own; the controller is still restricted. BGP (FRR, frr-k8s) is off: layer 2 needs neither.
 */
export const metallb: ComponentDefinition = {
  name: 'metallb',
  description: 'MetalLB load balancer (layer 2) with an address pool per cluster, from the upstream chart; off by default',
  plane: 'governance',
  wave: 'foundation',
  placement: everywhere,
  optional: true,
  settings: ['addresses'],
  dependsOn: ['namespaces'],
  podSecurityException: {
    level: 'privileged',
    reason: "MetalLB's speaker answers ARP for load-balancer addresses on the node's network: it needs hostNetwork and NET_RAW",
  },
  images: {},
  imageSource: 'the images the pinned chart names (quay.io/metallb/controller and speaker v0.15.3)',
  ports: [],
  flows: [],
  secrets: [],
  helm: {
    repoURL: chartRepositories.metallb,
    chart: 'metallb',
    version: '0.15.3',
    releaseName: 'metallb',
    values: (context, cluster) => ({
      crds: { enabled: true },
      frrk8s: { enabled: false },
      controller: {
        labels: chartPodLabels(context),
        nodeSelector: chartNodeSelector(cluster),
        resources: controllerSize,
        securityContext: restrictedPod(nobody),
      },
      speaker: {
        frr: { enabled: false },
        labels: chartPodLabels(context),
        nodeSelector: chartNodeSelector(cluster),
        resources: speakerSize,
      },
    }),
    valuesSchema: valuesSchema('MetalLB values generated by Millwright', {
      crds: enabledOnly,
      frrk8s: enabledOnly,
      controller: strictObject({ labels: stringMap, nodeSelector: stringMap, resources: anyObject, securityContext: anyObject }),
      speaker: strictObject({ frr: enabledOnly, labels: stringMap, nodeSelector: stringMap, resources: anyObject }),
    }),
    kinds: {
      clusterScoped: [
        customResourceDefinition,
        { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' },
        ...clusterRbac,
      ],
      namespaced: [
        ...chartBasics,
        appsKind('Deployment'),
        appsKind('DaemonSet'),
        ...namespacedRbac,
      ],
    },
  },
  build: (context) => [chartNetworkPolicy(context, { kubernetesApi: true }), webhookNetworkPolicy(context), l2Advertisement(context)],
  buildForCluster: (context, cluster) => [addressPool(context, cluster)],
};
