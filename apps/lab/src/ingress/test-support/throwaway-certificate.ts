import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { systemProgram } from '@millwright/test-servers';

/** PEM paths of a self-signed certificate, in the directory the test owns and deletes. */
export interface ThrowawayCertificate {
  readonly cert: string;
  readonly key: string;
}

/**
 * A self-signed P-256 certificate for `hosts`, valid for a day, made with openssl in `dir`: the
 * stand-in for Traefik's default certificate. Clients trust it by passing it as their CA.
 */
export function makeThrowawayCertificate(dir: string, hosts: readonly string[]): ThrowawayCertificate {
  const cert = join(dir, 'ingress.crt');
  const key = join(dir, 'ingress.key');
  const args = [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=millwright-lab-ingress', '-addext', `subjectAltName=${hosts.map((host) => `DNS:${host}`).join(',')}`,
    '-keyout', key, '-out', cert,
  ];
  const result = spawnSync(systemProgram('openssl'), args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl req failed (exit ${result.status}): ${(result.stderr || String(result.error)).trim()}`);
  return { cert, key };
}
