import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IContainer, IPodSpec } from 'kubernetes-models/v1';
import { describeObject, type KubeObject } from '@millwright/platform';
import { allTopologies, sampleConfigWithOptionals } from '@millwright/platform/testing';
import { buildSample, containersOf, podSpecOf, renderedObjects } from '../test-support/rendered-platform.ts';

/** Every workload of every component under a topology, with inference-api at `replicas`. */
function workloads(topology: (typeof allTopologies)[number], replicas: number, optionals: boolean): KubeObject[] {
  const enabled = optionals ? sampleConfigWithOptionals(topology).components : {};
  return buildSample(topology, { components: { ...enabled, 'inference-api': { replicas } } })
    .flatMap(renderedObjects)
    .filter((object) => podSpecOf(object) !== undefined);
}

const anyPlatform = fc.record({ topology: fc.constantFrom(...allTopologies), replicas: fc.integer({ min: 1, max: 5 }), optionals: fc.boolean() });

/** Asserts `law` of every workload's pod, over random topologies and inference-api replica counts. */
function everyPod(law: (pod: IPodSpec, workload: KubeObject) => void): void {
  fc.assert(
    fc.property(anyPlatform, ({ topology, replicas, optionals }) => {
      const found = workloads(topology, replicas, optionals);
      expect(found.length).toBeGreaterThan(0);
      for (const workload of found) law(podSpecOf(workload)!, workload);
    }),
    { numRuns: 25 },
  );
}

/** Asserts `law` of every container (init containers too) of every workload. */
function everyContainer(law: (container: IContainer, where: string) => void): void {
  everyPod((_, workload) => containersOf(workload).forEach((container) => law(container, `${describeObject(workload)} ${container.name}`)));
}

describe('secure defaults of every rendered workload', () => {
  it('runs every pod as non-root', () => {
    everyPod((pod, workload) => expect(pod.securityContext?.runAsNonRoot, describeObject(workload)).toBe(true));
  });

  it('runs every pod as a non-zero uid', () => {
    everyPod((pod, workload) => expect(pod.securityContext?.runAsUser, describeObject(workload)).toBeGreaterThan(0));
  });

  it('gives every pod the RuntimeDefault seccomp profile', () => {
    everyPod((pod, workload) => expect(pod.securityContext?.seccompProfile?.type, describeObject(workload)).toBe('RuntimeDefault'));
  });

  it('mounts no service-account token in any pod', () => {
    everyPod((pod, workload) => expect(pod.automountServiceAccountToken, describeObject(workload)).toBe(false));
  });

  it('forbids privilege escalation in every container', () => {
    everyContainer((container, where) => expect(container.securityContext?.allowPrivilegeEscalation, where).toBe(false));
  });

  it('gives every container a read-only root filesystem', () => {
    everyContainer((container, where) => expect(container.securityContext?.readOnlyRootFilesystem, where).toBe(true));
  });

  it('drops ALL capabilities in every container', () => {
    everyContainer((container, where) => expect(container.securityContext?.capabilities?.drop, where).toContain('ALL'));
  });

  it('gives every container cpu and memory requests and limits', () => {
    everyContainer((container, where) => {
      const { requests, limits } = container.resources ?? {};
      expect({ requests: Object.keys(requests ?? {}).sort(), limits: Object.keys(limits ?? {}).sort() }, where).toEqual({
        requests: ['cpu', 'memory'],
        limits: ['cpu', 'memory'],
      });
    });
  });

  it('gives every container of a Deployment or StatefulSet liveness and readiness probes', () => {
    everyPod((pod, workload) => {
      if (workload.kind !== 'Deployment' && workload.kind !== 'StatefulSet') return;
      for (const container of pod.containers) {
        const where = `${describeObject(workload)} ${container.name}`;
        const probes = { liveness: Boolean(container.livenessProbe), readiness: Boolean(container.readinessProbe) };
        expect(probes, where).toEqual({ liveness: true, readiness: true });
      }
    });
  });

  it('adds a PodDisruptionBudget exactly for the workloads with more than one replica', () => {
    fc.assert(
      fc.property(anyPlatform, ({ topology, replicas }) => {
        const objects = buildSample(topology, { components: { 'inference-api': { replicas } } }).flatMap(renderedObjects);
        const replicated = objects
          .filter((o) => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && ((o['spec'] as { replicas?: number }).replicas ?? 1) > 1)
          .map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
        const budgets = objects.filter((o) => o.kind === 'PodDisruptionBudget').map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
        expect(budgets.sort()).toEqual(replicated.sort());
      }),
      { numRuns: 25 },
    );
  });

  it('renders the configured replica count of inference-api', () => {
    fc.assert(
      fc.property(anyPlatform, ({ topology, replicas, optionals }) => {
        const api = workloads(topology, replicas, optionals).find((w) => w.metadata.name === 'inference-api')!;
        expect((api['spec'] as { replicas: number }).replicas).toBe(replicas);
      }),
      { numRuns: 25 },
    );
  });
});
