/**
 * The lab's certificate authority: one CA and one serving certificate for every ingress host of
 * the platform, made with openssl in the lab's state folder. The apps trust the CA through
 * NODE_EXTRA_CA_CERTS, as a cluster's images trust the issuer of its ingress certificates; the
 * stand-in ingresses (nginx, the PostgreSQL STARTTLS terminator) serve the certificate.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newKey, openssl } from '@millwright/test-servers';

/** PEM files of the lab CA. */
export interface LabCa {
  readonly caCert: string;
  readonly cert: string;
  readonly key: string;
}

/** Long enough for a week-long soak, short enough that a leaked key is soon worthless. */
const validDays = '8';
/** The subjectAltName extension of `hosts`: every name a client dials must be listed (the common name is ignored). */
export function subjectAltNames(hosts: readonly string[]): string {
  if (hosts.length === 0) throw new Error('the lab certificate needs at least one host name');
  return `subjectAltName=${[...new Set(hosts)].map((host) => `DNS:${host}`).join(',')}`;
}

/** Makes the CA and a certificate for `hosts` in `dir` (created if missing). */
export function makeLabCa(dir: string, hosts: readonly string[]): LabCa {
  mkdirSync(dir, { recursive: true });
  const ca: LabCa = { caCert: join(dir, 'ca.crt'), cert: join(dir, 'ingress.crt'), key: join(dir, 'ingress.key') };
  if (!existsSync(ca.caCert)) {
    openssl(dir, [
      'req', '-x509', ...newKey, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', validDays, '-subj', '/CN=millwright-lab-ca',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ]);
  }
  writeFileSync(join(dir, 'ingress.ext'), `${subjectAltNames(hosts)}\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n`);
  openssl(dir, ['req', '-new', ...newKey, '-keyout', 'ingress.key', '-out', 'ingress.csr', '-subj', '/CN=millwright-lab-ingress']);
  openssl(dir, ['x509', '-req', '-in', 'ingress.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', validDays, '-out', 'ingress.crt', '-extfile', 'ingress.ext']);
  return ca;
}
