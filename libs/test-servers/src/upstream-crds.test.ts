import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { upstreamCrdDir, upstreamCrds, upstreamCrdsFor } from './upstream-crds.ts';

/** `<sha256>  <file>` lines of the README's checksum block. */
function recordedChecksums(): Map<string, string> {
  const readme = readFileSync(join(upstreamCrdDir, 'README.md'), 'utf8');
  return new Map([...readme.matchAll(/^([0-9a-f]{64}) {2}(\S+\.yaml)$/gm)].map((match) => [match[2]!, match[1]!]));
}

describe('the vendored upstream CRDs', () => {
  it('are byte for byte the upstream files their README records', () => {
    const vendored = readdirSync(upstreamCrdDir).filter((name) => name.endsWith('.yaml'));
    const actual = new Map(vendored.map((name) => [name, createHash('sha256').update(readFileSync(join(upstreamCrdDir, name))).digest('hex')]));
    expect(actual).toEqual(recordedChecksums());
  });

  it('define the custom kinds Millwright renders', () => {
    const kinds = [...upstreamCrds().keys()];
    for (const groupKind of [
      'argoproj.io/Application',
      'argoproj.io/AppProject',
      'argoproj.io/WorkflowTemplate',
      'argoproj.io/CronWorkflow',
      'monitoring.coreos.com/ServiceMonitor',
      'monitoring.coreos.com/PodMonitor',
      'monitoring.coreos.com/PrometheusRule',
      'traefik.io/Middleware',
      'traefik.io/IngressRoute',
      'traefik.io/IngressRouteTCP',
      'fleet.cattle.io/GitRepo',
      'fleet.cattle.io/ClusterGroup',
    ]) {
      expect(kinds).toContain(groupKind);
    }
  });
});

describe('upstreamCrdsFor', () => {
  it('picks the definition of each custom kind once, and none for built-in kinds', () => {
    const crds = upstreamCrdsFor([
      { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware' },
      { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware' },
      { apiVersion: 'apps/v1', kind: 'Deployment' },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
      { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy' },
      { apiVersion: 'v1', kind: 'Service' },
    ]);
    expect(crds.map((crd) => `${crd.groupKind} from ${crd.file}`)).toEqual(['traefik.io/Middleware from traefik-middlewares.yaml']);
  });

  it('names a custom kind no vendored file defines, and where to add it', () => {
    expect(() => upstreamCrdsFor([{ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool' }])).toThrow(
      /no vendored CRD defines metallb\.io\/IPAddressPool: add the upstream file to .*fixtures\/crds with its provenance/,
    );
  });
});
