import { secretKeySource, sharedValueNames, type RequiredSecret, type SecretKeySource } from '@millwright/platform';
import { secretPath, type Day0Config } from './day0-config.ts';

/** A value several Secrets hold: given in the stack config, or generated once for all of them. */
export interface SharedValuePlan {
  readonly name: string;
  readonly given?: string;
  /** The Secrets that hold it, as `<cluster>/<namespace>/<secret>`. */
  readonly holders: readonly string[];
}

/** Where one key of one Secret gets its value. */
export interface SecretKeyPlan {
  readonly key: string;
  readonly source: SecretKeySource;
  /**
   * The value the stack config gives (an `own` key). On an `htpasswd` key, lines of your own
   * users, kept after the line of the platform's client. Unset: generated (`own`), or built
   * from the shared values.
   */
  readonly given?: string;
}

/** One Secret to create, key by key. */
export interface SecretPlan {
  readonly secret: RequiredSecret;
  readonly keys: readonly SecretKeyPlan[];
}

/** Every Secret value the platform needs, and which of them the stack config gives. */
export interface SecretValuesPlan {
  readonly shared: readonly SharedValuePlan[];
  readonly secrets: readonly SecretPlan[];
}

/**
 * Decides, for every key of every required Secret, where its value comes from: the stack
 * config, a shared value (given or generated once), or a value generated for that key alone.
 * The same sources `npm run gitops -- secrets` reads (`secretKeySource`), so both create the
 * same Secrets with the same sharing.
 */
export function planSecretValues(secrets: readonly RequiredSecret[], config: Pick<Day0Config, 'shared' | 'values'>): SecretValuesPlan {
  const sharedNames = [...new Set(secrets.flatMap(sharedValueNames))].sort();
  const shared = sharedNames.map((name) => ({
    name,
    ...(config.shared[name] !== undefined && { given: config.shared[name] }),
    holders: secrets.filter((secret) => sharedValueNames(secret).includes(name)).map(secretPath),
  }));
  return {
    shared,
    secrets: secrets.map((secret) => ({
      secret,
      keys: secret.keys.map((key) => {
        const given = config.values[secretPath(secret)]?.[key];
        return { key, source: secretKeySource(secret, key), ...(given !== undefined && { given }) };
      }),
    })),
  };
}
