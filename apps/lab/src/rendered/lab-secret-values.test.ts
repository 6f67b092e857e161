import { pbkdf2Sync } from 'node:crypto';
import { catalogue, requiredSecrets, resolvePlatform, type RequiredSecret } from '@millwright/platform';
import { sampleConfig } from '@millwright/platform/testing';
import { renderTree } from '@millwright/manifests';
import { compareSync } from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { labOperatorUser, labSecretValues } from './lab-secret-values.ts';
import { seededRandomBytes } from './random-bytes.ts';
import { secretPath } from './secret-values.ts';

const platform = resolvePlatform(sampleConfig('hybrid'), catalogue);
const required = requiredSecrets(platform, renderTree(platform, catalogue).components);
const secrets = labSecretValues(required, seededRandomBytes('lab-secret-values test'));

const pathOf = (secret: RequiredSecret) => secretPath(secret.cluster, secret.namespace, secret.name);
const value = (cluster: string, namespace: string, name: string, key: string) => secrets.values[secretPath(cluster, namespace, name)]?.[key];

/** Whether a mosquitto `$7$` line is the PBKDF2-SHA512 of `password`. */
function mosquittoLineAccepts(line: string, password: string): boolean {
  const [, type, iterations, salt, hash] = line.slice(line.indexOf(':') + 1).split('$');
  return type === '7' && pbkdf2Sync(password, Buffer.from(salt!, 'base64'), Number(iterations), 64, 'sha512').toString('base64') === hash;
}

describe('labSecretValues', () => {
  it('gives every key of every required Secret a value', () => {
    for (const secret of required) expect(Object.keys(secrets.values[pathOf(secret)] ?? {}).sort(), pathOf(secret)).toEqual([...secret.keys].sort());
  });

  it('gives every holder of a shared value the same value, across clusters', () => {
    for (const secret of required) {
      for (const [key, name] of Object.entries(secret.shared)) expect(secrets.values[pathOf(secret)]![key], `${pathOf(secret)} ${key}`).toBe(secrets.shared[name]);
    }
    expect(value('edge-1', 'millwright-ot', 'inference-api-credentials', 'database-password')).toBe(value('core', 'millwright-it', 'postgres-credentials', 'inference-password'));
  });

  it('writes htpasswd lines (bcrypt) of the user and password the clients hold', () => {
    const line = value('core', 'millwright-it', 'ingress-basic-auth', 'users')!.split('\n')[0]!;
    const [user, hash] = line.split(':');
    expect(user).toBe(value('edge-1', 'millwright-ot', 'mlflow-client-credentials', 'username'));
    expect(hash).toMatch(/^\$2y\$05\$/);
    expect(compareSync(value('edge-1', 'millwright-ot', 'mlflow-client-credentials', 'password')!, hash!)).toBe(true);
    expect(compareSync('wrong', hash!)).toBe(false);
  });

  it('adds the lab operator to every ingress-basic-auth, and the edge telemetry push login to the cloud governance one', () => {
    const governance = value('core', 'millwright-governance', 'ingress-basic-auth', 'users')!.split('\n');
    const logins = secrets.logins[secretPath('core', 'millwright-governance', 'ingress-basic-auth')]!['users']!;
    expect(logins.map((login) => login.user)).toEqual([value('edge-1', 'millwright-governance', 'telemetry-push-credentials', 'username'), labOperatorUser]);
    expect(logins[0]!.password).toBe(value('edge-1', 'millwright-governance', 'telemetry-push-credentials', 'password'));
    logins.forEach((login, index) => expect(compareSync(login.password, governance[index]!.split(':')[1]!)).toBe(true));
    for (const secret of required.filter((candidate) => candidate.name === 'ingress-basic-auth')) {
      expect(secrets.logins[pathOf(secret)]!['users']!.at(-1)).toEqual(secrets.operator);
    }
  });

  it("writes the broker's password file with a line per MQTT client, each with that client's mqtt-password", () => {
    const lines = value('edge-1', 'millwright-ot', 'mosquitto-passwords', 'passwd')!.trimEnd().split('\n');
    expect(lines.map((line) => line.split(':')[0]).sort()).toEqual(['edge-gateway', 'node-red', 'sensor-sim']);
    for (const line of lines) {
      const user = line.split(':')[0]!;
      expect(mosquittoLineAccepts(line, value('edge-1', 'millwright-ot', `${user}-credentials`, 'mqtt-password')!), user).toBe(true);
      expect(mosquittoLineAccepts(line, 'wrong')).toBe(false);
    }
  });

  it("hashes Node-RED's admin password with bcrypt and keeps the plain password among the logins", () => {
    const hash = value('edge-1', 'millwright-ot', 'node-red-credentials', 'admin-password-hash')!;
    const [login] = secrets.logins[secretPath('edge-1', 'millwright-ot', 'node-red-credentials')]!['admin-password-hash']!;
    expect(login!.user).toBe('admin');
    expect(compareSync(login!.password, hash)).toBe(true);
  });

  it("writes Airflow's metadata connection with the airflow database password and a Fernet key of 32 bytes", () => {
    expect(value('core', 'millwright-it', 'airflow-metadata', 'connection')).toBe(
      `postgresql://airflow:${value('core', 'millwright-it', 'postgres-credentials', 'airflow-password')}@postgres.millwright-it.svc.cluster.local:5432/airflow`,
    );
    const fernet = value('core', 'millwright-it', 'airflow-fernet-key', 'fernet-key')!;
    expect(fernet).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    expect(Buffer.from(fernet, 'base64url')).toHaveLength(32);
  });

  it('makes other values 48 hex characters, as openssl rand -hex 24 does', () => {
    expect(value('core', 'millwright-it', 'minio-credentials', 'root-password')).toMatch(/^[0-9a-f]{48}$/);
    expect(secrets.operator.password).toMatch(/^[0-9a-f]{48}$/);
  });

  it('gives the same values for the same seed, and different ones for another', () => {
    expect(labSecretValues(required, seededRandomBytes('lab-secret-values test'))).toEqual(secrets);
    expect(labSecretValues(required, seededRandomBytes('another seed')).shared['inference-database-password']).not.toBe(secrets.shared['inference-database-password']);
  });
});
