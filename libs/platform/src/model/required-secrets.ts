import type { ResolvedComponent } from './build-component.ts';
import type { HtpasswdLine, Platform } from './types.ts';

/**
 * One Secret the operator must create on one cluster before the first sync. The one definition
 * both `npm run gitops -- secrets` (the kubectl script) and the Day 0 Pulumi program create from.
 */
export interface RequiredSecret {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly keys: readonly string[];
  /** Key to the name of a value other Secrets must hold too. */
  readonly shared: Readonly<Record<string, string>>;
  /** Key to the htpasswd line built from two shared values. */
  readonly htpasswd: Readonly<Record<string, HtpasswdLine>>;
  readonly usedBy: readonly string[];
}

/** Where the value of one key of a required Secret comes from. */
export type SecretKeySource =
  /** A value this Secret alone holds. */
  | { readonly kind: 'own' }
  /** A value other Secrets hold too, by its shared name. */
  | { readonly kind: 'shared'; readonly name: string }
  /** One htpasswd line (bcrypt) of a user and a password that other Secrets hold as shared values. */
  | ({ readonly kind: 'htpasswd' } & HtpasswdLine);

/** Every Secret each cluster needs, merged when several components share one; in cluster order, then by namespace and name. */
export function requiredSecrets(platform: Platform, components: readonly ResolvedComponent[]): RequiredSecret[] {
  const byKey = new Map<
    string,
    {
      cluster: string;
      namespace: string;
      name: string;
      keys: Set<string>;
      shared: Record<string, string>;
      htpasswd: Record<string, HtpasswdLine>;
      usedBy: string[];
    }
  >();
  for (const component of components) {
    for (const cluster of component.clusters) {
      for (const secret of component.definition.secrets) {
        if (secret.topologies && !secret.topologies.includes(platform.topology)) continue;
        const key = `${cluster.name}/${component.namespace}/${secret.name}`;
        const entry = byKey.get(key) ?? {
          cluster: cluster.name,
          namespace: component.namespace,
          name: secret.name,
          keys: new Set<string>(),
          shared: {},
          htpasswd: {},
          usedBy: [],
        };
        secret.keys.forEach((k) => entry.keys.add(k));
        Object.assign(entry.shared, secret.shared ?? {});
        Object.assign(entry.htpasswd, secret.htpasswd ?? {});
        if (!entry.usedBy.includes(component.definition.name)) entry.usedBy.push(component.definition.name);
        byKey.set(key, entry);
      }
    }
  }
  const order = platform.clusters.map((c) => c.name);
  return [...byKey.values()]
    .map((e) => ({ ...e, keys: [...e.keys] }))
    .sort((a, b) => order.indexOf(a.cluster) - order.indexOf(b.cluster) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

/** Where `key` of `secret` takes its value from; an htpasswd line wins over a shared name on the same key. */
export function secretKeySource(secret: RequiredSecret, key: string): SecretKeySource {
  const line = secret.htpasswd[key];
  if (line) return { kind: 'htpasswd', userShared: line.userShared, passwordShared: line.passwordShared };
  const shared = secret.shared[key];
  return shared ? { kind: 'shared', name: shared } : { kind: 'own' };
}

/** The shared values a Secret needs: its own shared keys and the user and password of its htpasswd lines. */
export function sharedValueNames(secret: RequiredSecret): string[] {
  return [...new Set([...Object.values(secret.shared), ...Object.values(secret.htpasswd).flatMap((line) => [line.userShared, line.passwordShared])])];
}
