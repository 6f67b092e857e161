import { describe, expect, it } from 'vitest';
import { buildSample, componentNamed, renderedObjects } from '../test-support/rendered-platform.ts';
import { applySecureDefaults, SecureDefaultsError } from './secure-defaults.ts';
import type { KubeObject } from './kube-object.ts';

describe('flows limited to a topology', () => {
  const hybrid = buildSample('hybrid');

  it('admits to the cloud feature store only the components that use it under hybrid', () => {
    const ingress = componentNamed(hybrid, 'redis-cloud').objects.find((o) => o.kind === 'NetworkPolicy');
    expect(ingress).toBeUndefined();
  });

  it('gives inference-api one egress rule per distinct destination, with no duplicates', () => {
    const egress = renderedObjects(componentNamed(hybrid, 'inference-api')).find((o) => o.metadata.name === 'inference-api-egress')!;
    const rules = (egress['spec'] as { egress: unknown[] }).egress.map((r) => JSON.stringify(r));
    expect(new Set(rules).size).toBe(rules.length);
  });

  it('sends cloud-only apps to the cloud feature store', () => {
    const ingress = componentNamed(buildSample('cloud-only'), 'redis-cloud').objects.find((o) => o.kind === 'NetworkPolicy')!;
    const clients = JSON.stringify(ingress['spec']);
    expect(clients).toContain('inference-api');
    expect(clients).toContain('edge-gateway');
  });
});

describe('applySecureDefaults and host ports', () => {
  it('rejects a container that binds a host port', () => {
    const pod: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'ns' },
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'web',
                image: 'web:1',
                ports: [{ containerPort: 80, hostPort: 80 }],
                resources: { requests: { cpu: '1', memory: '1Mi' }, limits: { cpu: '1', memory: '1Mi' } },
                livenessProbe: { tcpSocket: { port: 80 } },
                readinessProbe: { tcpSocket: { port: 80 } },
              },
            ],
          },
        },
      },
    };
    expect(() => applySecureDefaults('web', [pod])).toThrow(SecureDefaultsError);
    expect(() => applySecureDefaults('web', [pod])).toThrow(/hostPort/);
  });
});
