import { describe, expect, it } from 'vitest';
import type { IContainer, IPodSpec } from 'kubernetes-models/v1';
import { applySecureDefaults, SecureDefaultsError, type KubeObject } from '@millwright/platform';
import { podSpecOf } from '../test-support/rendered-platform.ts';

const sized = { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } };
const probe = { httpGet: { path: '/healthz', port: 'http' } };
const app: IContainer = { name: 'app', image: 'ghcr.io/acme/web:1.0.0', resources: sized, livenessProbe: probe, readinessProbe: probe };

/** A Deployment `web` in namespace `factory` whose pod is the well-formed one plus `pod` changes. */
function deploymentWith(pod: Partial<IPodSpec> = {}, replicas = 1): KubeObject {
  const labels = { 'app.kubernetes.io/name': 'web' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'factory', labels },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [app], ...pod } } },
  };
}

/** The same Deployment with its one container changed. */
function deploymentWithContainer(changes: Partial<IContainer>): KubeObject {
  return deploymentWith({ containers: [{ ...app, ...changes }] });
}

function hardenedPod(object: KubeObject): IPodSpec {
  return podSpecOf(applySecureDefaults('web', [object])[0]!)!;
}

describe('applySecureDefaults', () => {
  it('gives every container the restricted security context with a read-only root', () => {
    expect(hardenedPod(deploymentWith()).containers[0]?.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  it('runs a pod that names no user as non-root uid 10001 with the runtime seccomp profile', () => {
    expect(hardenedPod(deploymentWith()).securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  it('keeps the non-root user a pod asks for', () => {
    expect(hardenedPod(deploymentWith({ securityContext: { runAsUser: 999 } })).securityContext?.runAsUser).toBe(999);
  });

  it('overrides an unconfined seccomp profile', () => {
    const pod = hardenedPod(deploymentWith({ securityContext: { seccompProfile: { type: 'Unconfined' } } }));

    expect(pod.securityContext?.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  });

  it('mounts no service-account token unless the pod asks for one', () => {
    expect(hardenedPod(deploymentWith()).automountServiceAccountToken).toBe(false);
  });

  it('keeps a service-account token the pod asks for', () => {
    expect(hardenedPod(deploymentWith({ automountServiceAccountToken: true })).automountServiceAccountToken).toBe(true);
  });

  it('adds a PodDisruptionBudget selecting the pods of a Deployment with two replicas', () => {
    const budget = applySecureDefaults('web', [deploymentWith({}, 2)]).find((o) => o.kind === 'PodDisruptionBudget');

    expect(budget?.['spec']).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } });
  });

  it('adds no PodDisruptionBudget for a single replica', () => {
    expect(applySecureDefaults('web', [deploymentWith({}, 1)]).map((o) => o.kind)).toEqual(['Deployment']);
  });

  it('leaves the objects it is given unchanged', () => {
    const original = deploymentWith();
    const copy = structuredClone(original);
    applySecureDefaults('web', [original]);

    expect(original).toEqual(copy);
  });

  it('accepts a Job without probes', () => {
    const once: IContainer = { name: 'once', image: app.image, resources: sized };
    const job: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once' }, spec: { template: { spec: { containers: [once] } } } };

    expect(() => applySecureDefaults('web', [job])).not.toThrow();
  });
});

describe('applySecureDefaults rejects', () => {
  it('a privileged container with a SecureDefaultsError', () => {
    expect(() => applySecureDefaults('web', [deploymentWithContainer({ securityContext: { privileged: true } })])).toThrow(SecureDefaultsError);
  });

  it('a privileged container, naming component, object and container', () => {
    expect(() => applySecureDefaults('web', [deploymentWithContainer({ securityContext: { privileged: true } })])).toThrow(
      'component web: Deployment/factory/web: container app asks to be privileged; privileged containers are not allowed.',
    );
  });

  it('a container that asks for uid 0', () => {
    expect(() => applySecureDefaults('web', [deploymentWithContainer({ securityContext: { runAsUser: 0 } })])).toThrow(
      'component web: Deployment/factory/web: container app asks to run as root (uid 0).',
    );
  });

  it('a pod that asks for uid 0', () => {
    expect(() => applySecureDefaults('web', [deploymentWith({ securityContext: { runAsUser: 0 } })])).toThrow(
      'component web: Deployment/factory/web: pod asks to run as root (uid 0).',
    );
  });

  it('a hostPath volume and says what to use instead', () => {
    const pod = { volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }] };

    expect(() => applySecureDefaults('web', [deploymentWith(pod)])).toThrow('pod mounts a hostPath volume; use a PersistentVolumeClaim or emptyDir.');
  });

  it('a container without memory limit and says which field to declare', () => {
    const resources = { requests: sized.requests, limits: { cpu: '500m' } };

    expect(() => applySecureDefaults('web', [deploymentWithContainer({ resources })])).toThrow(
      'component web: Deployment/factory/web: container app has no memory limit; declare resources.limits.memory.',
    );
  });

  it('a Deployment whose container has no readiness probe', () => {
    expect(() => applySecureDefaults('web', [deploymentWithContainer({ readinessProbe: undefined })])).toThrow(
      'component web: Deployment/factory/web: container app has no readiness probe; declare one.',
    );
  });

  it('a container that adds a capability', () => {
    expect(() => applySecureDefaults('web', [deploymentWithContainer({ securityContext: { capabilities: { add: ['NET_ADMIN'] } } })])).toThrow(
      'container app adds capabilities (NET_ADMIN); none may be added.',
    );
  });

  it('a container that asks for a writable root filesystem', () => {
    expect(() => applySecureDefaults('web', [deploymentWithContainer({ securityContext: { readOnlyRootFilesystem: false } })])).toThrow(
      'container app asks for a writable root filesystem; declare writableDirs instead.',
    );
  });

  it('a pod in the host network', () => {
    expect(() => applySecureDefaults('web', [deploymentWith({ hostNetwork: true })])).toThrow('pod asks for host namespaces');
  });
});
