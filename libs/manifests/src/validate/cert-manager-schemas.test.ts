import { describe, expect, it } from 'vitest';
import { validateObject } from '@millwright/manifests';
import type { KubeObject } from '@millwright/platform';

const certificate = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'postgres-tls', namespace: 'millwright-it' },
  spec,
});

const postgresCertificate = {
  secretName: 'postgres-tls',
  dnsNames: ['postgres.factory.example.com'],
  issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt-prod' },
};

describe('the cert-manager Certificate schema', () => {
  it("accepts a host's certificate from a ClusterIssuer, stored in a Secret", () => {
    expect(validateObject(certificate(postgresCertificate))).toEqual([]);
  });

  it('reports a misspelt field, which cert-manager would ignore', () => {
    const { dnsNames, ...rest } = postgresCertificate;
    expect(validateObject(certificate({ ...rest, dnsName: dnsNames }))).toEqual([
      "Certificate/millwright-it/postgres-tls: /spec: must have required property 'dnsNames'",
      'Certificate/millwright-it/postgres-tls: /spec: unknown field "dnsName"',
    ]);
  });

  it('reports an issuer kind cert-manager does not have', () => {
    const wrongKind = { ...postgresCertificate, issuerRef: { ...postgresCertificate.issuerRef, kind: 'Issuers' } };
    expect(validateObject(certificate(wrongKind))).toEqual([
      'Certificate/millwright-it/postgres-tls: /spec/issuerRef/kind: must be equal to one of the allowed values',
    ]);
  });
});
