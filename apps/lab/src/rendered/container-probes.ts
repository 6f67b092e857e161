import type { IContainer, IProbe } from 'kubernetes-models/v1';
import type { LabContainer, LabProbe, LabProbeCheck } from './lab-workload.ts';

/** Kubernetes' probe defaults (core/v1 Probe field documentation). */
const probeDefaults = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3, successThreshold: 1 } as const;

/** A probe's `port`, a number or the name of one of the container's ports. */
function probePort(port: number | string, ports: Readonly<Record<string, number>>, where: string, problems: string[]): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  const found = ports[port];
  if (found === undefined) problems.push(`${where}: port "${port}" is not a named port of the container (it has ${Object.keys(ports).join(', ') || 'none'})`);
  return found;
}

function probeCheck(probe: IProbe, ports: Readonly<Record<string, number>>, where: string, problems: string[]): LabProbeCheck | undefined {
  if (probe.httpGet) {
    if (probe.httpGet.host !== undefined) {
      problems.push(`${where}: httpGet.host is not supported by the lab (it probes the pod's own address)`);
      return undefined;
    }
    const port = probePort(probe.httpGet.port, ports, where, problems);
    if (port === undefined) return undefined;
    const headers = Object.fromEntries((probe.httpGet.httpHeaders ?? []).map((header) => [header.name, header.value]));
    return { kind: 'http', path: probe.httpGet.path ?? '/', port, scheme: probe.httpGet.scheme === 'HTTPS' ? 'HTTPS' : 'HTTP', headers };
  }
  if (probe.tcpSocket) {
    if (probe.tcpSocket.host !== undefined) {
      problems.push(`${where}: tcpSocket.host is not supported by the lab (it probes the pod's own address)`);
      return undefined;
    }
    const port = probePort(probe.tcpSocket.port, ports, where, problems);
    return port === undefined ? undefined : { kind: 'tcp', port };
  }
  if (probe.exec) return { kind: 'exec', command: [...(probe.exec.command ?? [])] };
  problems.push(`${where}: only httpGet, tcpSocket and exec probes are supported by the lab (found ${Object.keys(probe).join(', ')})`);
  return undefined;
}

function labProbe(probe: IProbe | undefined, ports: Readonly<Record<string, number>>, where: string, problems: string[]): LabProbe | undefined {
  if (!probe) return undefined;
  const check = probeCheck(probe, ports, where, problems);
  if (!check) return undefined;
  return {
    check,
    initialDelaySeconds: probe.initialDelaySeconds ?? probeDefaults.initialDelaySeconds,
    periodSeconds: probe.periodSeconds ?? probeDefaults.periodSeconds,
    timeoutSeconds: probe.timeoutSeconds ?? probeDefaults.timeoutSeconds,
    failureThreshold: probe.failureThreshold ?? probeDefaults.failureThreshold,
    successThreshold: probe.successThreshold ?? probeDefaults.successThreshold,
  };
}

/** The container's ports by name (an unnamed port under its own number). */
export function containerPorts(container: IContainer): Record<string, number> {
  return Object.fromEntries((container.ports ?? []).map((port) => [port.name ?? String(port.containerPort), port.containerPort]));
}

/** The readiness, liveness and startup probes with named ports resolved to numbers. */
export function containerProbes(container: IContainer, ports: Readonly<Record<string, number>>, where: string, problems: string[]): Pick<LabContainer, 'readiness' | 'liveness' | 'startup'> {
  const readiness = labProbe(container.readinessProbe, ports, `${where}, readinessProbe`, problems);
  const liveness = labProbe(container.livenessProbe, ports, `${where}, livenessProbe`, problems);
  const startup = labProbe(container.startupProbe, ports, `${where}, startupProbe`, problems);
  return { ...(readiness ? { readiness } : {}), ...(liveness ? { liveness } : {}), ...(startup ? { startup } : {}) };
}
