/**
 * A throw-away public-key infrastructure for one test control plane, made with openssl in the
 * control plane's own temporary directory and deleted with it: a CA, a serving certificate for
 * 127.0.0.1, an admin client certificate in `system:masters`, and the service-account key pair
 * kube-apiserver insists on. Nothing of it outlives the test or leaves loopback.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemProgram } from './system-program.ts';

/** Paths of the PEM files, all inside the directory given to `makeThrowawayPki`. */
export interface ThrowawayPki {
  readonly caCert: string;
  readonly servingCert: string;
  readonly servingKey: string;
  readonly adminCert: string;
  readonly adminKey: string;
  readonly serviceAccountKey: string;
  readonly serviceAccountPublicKey: string;
}

/** A day is far longer than any test run and short enough that a leaked file is worthless soon. */
const validDays = '1';
/** P-256 keys: generated in milliseconds, and accepted by kube-apiserver for TLS and service-account tokens. */
export const newKey: readonly string[] = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Runs openssl in `dir`; throws with what openssl said when it fails. */
export function openssl(dir: string, args: readonly string[]): void {
  const result = spawnSync(systemProgram('openssl'), args, { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed in ${dir} (exit ${result.status}): ${(result.stderr || result.stdout || String(result.error)).trim()}`);
}

/** A key and a certificate for `subject`, signed by the CA, with the given X.509 v3 extensions. */
function issue(dir: string, name: string, subject: string, extensions: readonly string[]): void {
  writeFileSync(join(dir, `${name}.ext`), `${extensions.join('\n')}\n`);
  openssl(dir, ['req', '-new', ...newKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', validDays, '-out', `${name}.crt`, '-extfile', `${name}.ext`]);
}

/** Makes the PKI in `dir` (which the caller owns and deletes). */
export function makeThrowawayPki(dir: string): ThrowawayPki {
  openssl(dir, [
    'req', '-x509', ...newKey, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', validDays, '-subj', '/CN=millwright-test-ca',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  // Go's TLS ignores the common name: the address the clients dial must be a subject alternative name.
  issue(dir, 'serving', '/CN=kube-apiserver', ['subjectAltName=IP:127.0.0.1,DNS:localhost', 'extendedKeyUsage=serverAuth', 'keyUsage=critical,digitalSignature']);
  // O=system:masters: RBAC lets this group do anything, which is what the tests' admin needs.
  issue(dir, 'admin', '/O=system:masters/CN=millwright-test-admin', ['extendedKeyUsage=clientAuth', 'keyUsage=critical,digitalSignature']);
  openssl(dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'service-account.key']);
  openssl(dir, ['pkey', '-in', 'service-account.key', '-pubout', '-out', 'service-account.pub']);
  return {
    caCert: join(dir, 'ca.crt'),
    servingCert: join(dir, 'serving.crt'),
    servingKey: join(dir, 'serving.key'),
    adminCert: join(dir, 'admin.crt'),
    adminKey: join(dir, 'admin.key'),
    serviceAccountKey: join(dir, 'service-account.key'),
    serviceAccountPublicKey: join(dir, 'service-account.pub'),
  };
}
