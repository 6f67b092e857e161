import { secretKeySource, sharedValueNames, type RequiredSecret } from '@millwright/platform';
import { bcryptHash, htpasswdLine, mosquittoPasswordLine } from './password-hashes.ts';
import { systemRandomBytes, type RandomBytes } from './random-bytes.ts';
import { airflowDatabasePassword, bcryptHashUser, mqttClientSecret, secretKeyFormat, telemetryPushSecret } from './secret-key-formats.ts';
import { secretPath, type SecretValuesByPath } from './secret-values.ts';

/** A user name and the plain password behind a hashed value. */
export interface LabLogin {
  readonly user: string;
  readonly password: string;
}

/** Every required Secret's values, and the plain text the lab needs to log in where only a hash is stored. */
export interface LabSecrets {
  /** `<cluster>/<namespace>/<name>` → key → value, for every required Secret and key. */
  readonly values: SecretValuesByPath;
  /** Each value several Secrets share, by its shared name. */
  readonly shared: Readonly<Record<string, string>>;
  /** `<cluster>/<namespace>/<name>` → key → the logins a hashed value accepts (htpasswd lines, the Mosquitto file, a bcrypt hash). */
  readonly logins: Readonly<Record<string, Readonly<Record<string, readonly LabLogin[]>>>>;
  /** The lab's own login, added to every `ingress-basic-auth` (README: append your users), for a person or test at the ingress. */
  readonly operator: LabLogin;
}

/** The lab operator's user name in every `ingress-basic-auth`. */
export const labOperatorUser = 'lab-operator';

function hex(random: RandomBytes): string {
  return Buffer.from(random(24)).toString('hex');
}

/** URL-safe base64 of 32 bytes with its padding, as Python's Fernet reads a key. */
function fernetKey(random: RandomBytes): string {
  return Buffer.from(random(32)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

type Values = Record<string, Record<string, string>>;

function pathOf(secret: RequiredSecret): string {
  return secretPath(secret.cluster, secret.namespace, secret.name);
}

/** The value of every key that is random or shared; hashed and composed keys are left for `derivedValue`. */
function plainValues(required: readonly RequiredSecret[], shared: Readonly<Record<string, string>>, random: RandomBytes): Values {
  const values: Values = {};
  for (const secret of required) {
    const own: Record<string, string> = {};
    for (const key of secret.keys) {
      const source = secretKeySource(secret, key);
      const format = secretKeyFormat(secret.name, key);
      if (source.kind === 'shared') own[key] = shared[source.name]!;
      else if (source.kind === 'own' && format === 'random') own[key] = hex(random);
      else if (source.kind === 'own' && format === 'fernet-key') own[key] = fernetKey(random);
    }
    values[pathOf(secret)] = own;
  }
  return values;
}

/** The MQTT clients of the broker's namespace: every `<user>-credentials` Secret there with an `mqtt-password`. */
function mqttClientLogins(secret: RequiredSecret, required: readonly RequiredSecret[], values: Values): LabLogin[] {
  return required
    .filter((other) => other.cluster === secret.cluster && other.namespace === secret.namespace && other.name.endsWith(mqttClientSecret.suffix) && other.keys.includes(mqttClientSecret.key))
    .map((other) => ({ user: other.name.slice(0, -mqttClientSecret.suffix.length), password: values[pathOf(other)]![mqttClientSecret.key]! }));
}

/** The logins other clusters push telemetry into this namespace with (README: the cloud's governance `ingress-basic-auth` must hold them). */
function telemetryPushLogins(secret: RequiredSecret, required: readonly RequiredSecret[], values: Values): LabLogin[] {
  return required
    .filter((other) => other.name === telemetryPushSecret.name && other.namespace === secret.namespace && other.cluster !== secret.cluster)
    .map((other) => {
      const own = values[pathOf(other)]!;
      return { user: own[telemetryPushSecret.userKey]!, password: own[telemetryPushSecret.passwordKey]! };
    });
}

interface Derived {
  readonly value: string;
  readonly logins: readonly LabLogin[];
}

/** A key whose value is built from others: htpasswd lines, the Mosquitto file, a bcrypt hash, Airflow's connection URL. */
function derivedValue(secret: RequiredSecret, key: string, context: { required: readonly RequiredSecret[]; values: Values; shared: Readonly<Record<string, string>>; operator: LabLogin; random: RandomBytes }): Derived {
  const { required, values, shared, operator, random } = context;
  const source = secretKeySource(secret, key);
  const format = secretKeyFormat(secret.name, key);
  if (source.kind === 'htpasswd' || format === 'basic-auth-users') {
    const declared = source.kind === 'htpasswd' ? [{ user: shared[source.userShared]!, password: shared[source.passwordShared]! }] : [];
    const extra = format === 'basic-auth-users' ? [...telemetryPushLogins(secret, required, values), operator] : [];
    const logins = [...declared, ...extra];
    return { value: logins.map((login) => htpasswdLine(login.user, login.password, random)).join('\n'), logins };
  }
  if (format === 'mosquitto-password-file') {
    const logins = mqttClientLogins(secret, required, values);
    // mosquitto_passwd ends every line, the last one too, with a newline.
    return { value: logins.map((login) => `${mosquittoPasswordLine(login.user, login.password, random)}\n`).join(''), logins };
  }
  if (format === 'bcrypt-hash') {
    const login = { user: bcryptHashUser, password: hex(random) };
    return { value: bcryptHash(login.password, random), logins: [login] };
  }
  if (format === 'airflow-metadata-connection') {
    const password = shared[airflowDatabasePassword];
    if (password === undefined) {
      throw new Error(`${pathOf(secret)} key ${key}: Airflow's connection URL embeds the shared value ${airflowDatabasePassword} (postgres-credentials' airflow-password), which no required Secret holds`);
    }
    return { value: `postgresql://airflow:${password}@postgres.${secret.namespace}.svc.cluster.local:5432/airflow`, logins: [] };
  }
  throw new Error(`${pathOf(secret)} key ${key}: no rule makes a value of form ${format}`);
}

/**
 * Values for every required Secret, as a careful operator would create them: random where the
 * secrets script draws random values, one value for each shared name wherever it is shared,
 * htpasswd lines (bcrypt) of the shared user and password they stand for, and the values the
 * README says to put in place of the script's placeholders (see `SecretKeyFormat`), so that the
 * lab can run the wiring for real. Deterministic for a seeded `random`.
 */
export function labSecretValues(required: readonly RequiredSecret[], random: RandomBytes = systemRandomBytes): LabSecrets {
  const shared = Object.fromEntries([...new Set(required.flatMap(sharedValueNames))].sort().map((name) => [name, hex(random)]));
  const operator = { user: labOperatorUser, password: hex(random) };
  const values = plainValues(required, shared, random);
  const logins: Record<string, Record<string, readonly LabLogin[]>> = {};
  for (const secret of required) {
    const own = values[pathOf(secret)]!;
    for (const key of secret.keys.filter((candidate) => own[candidate] === undefined)) {
      const derived = derivedValue(secret, key, { required, values, shared, operator, random });
      own[key] = derived.value;
      logins[pathOf(secret)] = { ...logins[pathOf(secret)], [key]: derived.logins };
    }
  }
  return { values, shared, logins, operator };
}
