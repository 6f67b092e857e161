import type { ResourceSpec } from '../model/types.ts';

/** Requests and limits in one call: `resources('100m', '128Mi', '500m', '256Mi')`. */
export function resources(cpuRequest: string, memoryRequest: string, cpuLimit: string, memoryLimit: string): ResourceSpec {
  return { requests: { cpu: cpuRequest, memory: memoryRequest }, limits: { cpu: cpuLimit, memory: memoryLimit } };
}
