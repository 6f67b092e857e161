/**
 * What one key of a required Secret must hold. Most are random strings; a few are not, and the
 * README ("Secrets", "Pipeline engines", "Ingress and authentication") tells the operator to
 * replace the random placeholder the secrets script writes with a value of the right form:
 *
 * - `random`: 24 random bytes in hex (`openssl rand -hex 24`, what the secrets script writes);
 * - `fernet-key`: 32 random bytes in URL-safe base64 (`openssl rand -base64 32 | tr '+/' '-_'`);
 * - `mosquitto-password-file`: one `mosquitto_passwd` line per MQTT client of the namespace, each
 *   with the `mqtt-password` of that client's `<user>-credentials` Secret;
 * - `bcrypt-hash`: the bcrypt hash of a password (Node-RED's editor login `admin`);
 * - `basic-auth-users`: htpasswd lines Traefik's basic auth accepts;
 * - `airflow-metadata-connection`: `postgresql://airflow:<airflow-password>@postgres.<namespace>.svc.cluster.local:5432/airflow`.
 */
export type SecretKeyFormat = 'random' | 'fernet-key' | 'mosquitto-password-file' | 'bcrypt-hash' | 'basic-auth-users' | 'airflow-metadata-connection';

/** By `<secret>/<key>`: the keys the README says are not random strings. */
const formats: Readonly<Record<string, SecretKeyFormat>> = {
  'mosquitto-passwords/passwd': 'mosquitto-password-file',
  'node-red-credentials/admin-password-hash': 'bcrypt-hash',
  'ingress-basic-auth/users': 'basic-auth-users',
  'airflow-metadata/connection': 'airflow-metadata-connection',
  'airflow-fernet-key/fernet-key': 'fernet-key',
};

/** The form of `key` of the Secret named `secret`. */
export function secretKeyFormat(secret: string, key: string): SecretKeyFormat {
  return formats[`${secret}/${key}`] ?? 'random';
}

/** The user a `bcrypt-hash` key is the password of (README: Node-RED's editor login is `admin`). */
export const bcryptHashUser = 'admin';

/** The Secret suffix and key of an MQTT client's password: `<user>-credentials`, `mqtt-password` (README "Secrets"). */
export const mqttClientSecret = { suffix: '-credentials', key: 'mqtt-password' } as const;

/** The Secret whose login the edge pushes telemetry with; the cloud's `ingress-basic-auth` of its namespace must accept it (README "Ingress and authentication"). */
export const telemetryPushSecret = { name: 'telemetry-push-credentials', userKey: 'username', passwordKey: 'password' } as const;

/** The shared value Airflow's metadata connection embeds (the `airflow-password` of `postgres-credentials`). */
export const airflowDatabasePassword = 'airflow-database-password';
