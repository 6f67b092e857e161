/**
 * Where everything of the rendered platform goes in the lab, decided before anything starts: one
 * site per cluster role (`edge`, `cloud`; the plant's `edge` site exists in every topology, since
 * the shop-floor client and the machines live there), one pod per workload the lab can run, one
 * ingress pod per cluster, and the names each site resolves. A pure function of the rendered
 * objects, so the whole wiring is testable without a namespace.
 */
import type { LabRoute } from '../ingress/index.ts';
import type { LabService, LabWorkload } from '../rendered/index.ts';
import { imageKind } from '../runtime/image-kinds.ts';

/** What the lab knows of one cluster of the platform. */
export interface LabCluster {
  readonly name: string;
  readonly role: 'edge' | 'cloud';
  readonly workloads: readonly LabWorkload[];
  readonly services: readonly LabService[];
  readonly routes: readonly LabRoute[];
}

export interface PlannedPod {
  readonly site: 'edge' | 'cloud';
  /** Unique within its site. */
  readonly name: string;
  readonly cluster?: string;
  readonly role: 'workload' | 'ingress' | 'client' | 'job';
  readonly workload?: LabWorkload;
}

/** A workload of the rendered tree the lab does not run, and why. */
export interface NotRun {
  readonly cluster: string;
  readonly workload: string;
  readonly reason: string;
}

export interface LabLayout {
  readonly sites: readonly ('edge' | 'cloud')[];
  readonly pods: readonly PlannedPod[];
  readonly notRun: readonly NotRun[];
  /** The pod name of a cluster's ingress (Traefik's stand-ins). */
  readonly ingressPod: string;
  readonly clientPod: string;
  readonly jobPod: string;
}

export const ingressPodName = 'traefik';
export const clientPodName = 'shop-floor';
export const jobPodName = 'trainer-job';

/** Why a workload is not run, or undefined when it is. */
export function whyNotRun(workload: LabWorkload, registry: string): string | undefined {
  if (workload.kind === 'CronJob' || workload.kind === 'Job') return workload.suspended ? 'a suspended CronJob (run on demand)' : 'a batch job: the lab runs the training pipeline itself as a job pod';
  const kinds = [...workload.initSteps, ...workload.containers].map((container) => ({ container, kind: imageKind(container.image, registry) }));
  const refused = kinds.find((entry) => entry.kind.kind === 'not-run');
  if (refused && refused.kind.kind === 'not-run') return refused.kind.reason;
  return undefined;
}

export function planLayout(clusters: readonly LabCluster[], registry: string): LabLayout {
  const sites = [...new Set<'edge' | 'cloud'>(['edge', ...clusters.map((cluster) => cluster.role)])];
  const pods: PlannedPod[] = [];
  const notRun: NotRun[] = [];
  for (const cluster of clusters) {
    for (const workload of cluster.workloads) {
      const reason = whyNotRun(workload, registry);
      if (reason) notRun.push({ cluster: cluster.name, workload: `${workload.kind} ${workload.namespace}/${workload.name}`, reason });
      else pods.push({ site: cluster.role, name: workload.name, cluster: cluster.name, role: 'workload', workload });
    }
    pods.push({ site: cluster.role, name: ingressPodName, cluster: cluster.name, role: 'ingress' });
  }
  pods.push({ site: 'edge', name: clientPodName, role: 'client' });
  const trainingSite = clusters.find((cluster) => cluster.workloads.some((w) => w.component === 'mlflow'))?.role ?? 'edge';
  pods.push({ site: trainingSite, name: jobPodName, role: 'job', cluster: clusters.find((c) => c.role === trainingSite)?.name });
  const duplicate = pods.find((pod, i) => pods.findIndex((other) => other.site === pod.site && other.name === pod.name) !== i);
  if (duplicate) throw new Error(`two pods named ${duplicate.name} in the ${duplicate.site} site`);
  return { sites, pods, notRun, ingressPod: ingressPodName, clientPod: clientPodName, jobPod: jobPodName };
}

/** The hosts a cluster's ingress serves (HTTP hosts and TCP SNI names). */
export function ingressHosts(cluster: LabCluster): string[] {
  return [...new Set(cluster.routes.map((route) => (route.protocol === 'http' ? route.host : route.hostSni)).filter((host) => host !== '*'))];
}

/**
 * The names one site resolves: its cluster's Services (to the pod behind each), its cluster's
 * ingress hosts (to its ingress pod), and every other cluster's ingress hosts (to the WAN proxy on
 * the site's gateway: the only way across).
 */
export function siteNames(
  site: 'edge' | 'cloud',
  clusters: readonly LabCluster[],
  address: (site: 'edge' | 'cloud', pod: string) => string | undefined,
  gateway: string,
): Record<string, string> {
  const names: Record<string, string> = {};
  for (const cluster of clusters) {
    if (cluster.role === site) {
      for (const service of cluster.services) {
        const target = service.workload ? address(site, service.workload.name) : undefined;
        if (target) for (const name of service.dnsNames) names[name] = target;
      }
      const ingress = address(site, ingressPodName);
      if (ingress) for (const host of ingressHosts(cluster)) names[host] = ingress;
    }
  }
  for (const cluster of clusters) {
    if (cluster.role !== site) for (const host of ingressHosts(cluster)) names[host] ??= gateway;
  }
  return names;
}
