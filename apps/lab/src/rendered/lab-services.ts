import type { KubeObject } from '@millwright/kube';
import type { IServiceSpec } from 'kubernetes-models/v1';
import { describeWorkload, type LabWorkload, type WorkloadRef } from './lab-workload.ts';
import { namespaceOf } from './object-index.ts';

/** The cluster DNS domain; K3s, like kubeadm, uses Kubernetes' default. */
export const clusterDomain = 'cluster.local';

export interface LabServicePort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: string;
  /** The container port traffic goes to: a number, or the selected pods' port of that name. */
  readonly targetPort: number;
}

/** A Service as the lab answers for it: its DNS names, ports and the one workload behind it. */
export interface LabService {
  readonly namespace: string;
  readonly name: string;
  /** `name`, `name.ns`, `name.ns.svc`, `name.ns.svc.<clusterDomain>`: what pods of the cluster resolve. */
  readonly dnsNames: readonly string[];
  /** `clusterIP: None`: the names resolve to the pods themselves. */
  readonly headless: boolean;
  readonly ports: readonly LabServicePort[];
  /** The workload whose pod template the selector matches, when exactly one does. */
  readonly workload?: WorkloadRef;
  /** Why the Service would not work as the lab runs it: no or several workloads selected, a target port not found. Empty when it would. */
  readonly problems: readonly string[];
}

/** The DNS names of a Service, shortest first. */
export function serviceDnsNames(name: string, namespace: string): string[] {
  return [name, `${name}.${namespace}`, `${name}.${namespace}.svc`, `${name}.${namespace}.svc.${clusterDomain}`];
}

function selects(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** A numeric target port, or the named port of the workload's containers (not its init steps, which serve nothing). */
function targetPortNumber(target: number | string | undefined, port: number, workload: LabWorkload | undefined): number | string {
  if (target === undefined) return port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const found = workload?.containers.map((container) => container.ports[target]).find((number) => number !== undefined);
  return found ?? target;
}

function labService(object: KubeObject, workloads: readonly LabWorkload[]): LabService {
  const namespace = namespaceOf(object);
  const name = object.metadata.name;
  const spec = (object['spec'] ?? {}) as IServiceSpec;
  const problems: string[] = [];
  const selector = spec.selector ?? {};
  let selected: LabWorkload[] = [];
  if (spec.type === 'ExternalName') problems.push(`type ExternalName (${spec.externalName ?? ''}) is not supported by the lab`);
  else if (Object.keys(selector).length === 0) problems.push('has no selector, so its endpoints are managed by hand, which the lab does not do');
  else {
    selected = workloads.filter((workload) => workload.namespace === namespace && selects(selector, workload.podLabels));
    if (selected.length === 0) problems.push(`selects no workload of namespace ${namespace} (selector ${JSON.stringify(selector)})`);
    if (selected.length > 1) problems.push(`selects ${selected.length} workloads: ${selected.map(describeWorkload).join(', ')}`);
  }
  const workload = selected.length === 1 ? selected[0] : undefined;
  const ports = (spec.ports ?? []).flatMap((port): LabServicePort[] => {
    const target = targetPortNumber(port.targetPort, port.port, workload);
    if (typeof target === 'string') {
      if (workload) problems.push(`port ${port.port} targets "${target}", which no container of ${describeWorkload(workload)} names`);
      return [];
    }
    return [{ ...(port.name ? { name: port.name } : {}), port: port.port, protocol: port.protocol ?? 'TCP', targetPort: target }];
  });
  return {
    namespace,
    name,
    dnsNames: serviceDnsNames(name, namespace),
    headless: spec.clusterIP === 'None',
    ports,
    ...(workload ? { workload: { kind: workload.kind, namespace: workload.namespace, name: workload.name } } : {}),
    problems,
  };
}

/**
 * Every Service of one cluster's objects with its DNS names, the workload it selects (by its
 * selector against each workload's pod template labels, in its own namespace) and its ports,
 * a named `targetPort` resolved through that workload's container ports. A Service that selects
 * no workload or several, or whose target port cannot be found, says so in `problems`.
 */
export function labServices(objects: readonly KubeObject[], workloads: readonly LabWorkload[]): LabService[] {
  return objects.filter((object) => object.kind === 'Service' && object.apiVersion === 'v1').map((object) => labService(object, workloads));
}
