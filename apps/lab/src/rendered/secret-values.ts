/**
 * The values of Secrets that exist on a cluster but are never rendered: `<cluster>/<namespace>/<name>`
 * to key to value, as `labSecretValues` makes them (what the secrets script would create).
 */
export type SecretValuesByPath = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** `<cluster>/<namespace>/<name>`, the key of one Secret in `SecretValuesByPath`. */
export function secretPath(cluster: string, namespace: string, name: string): string {
  return `${cluster}/${namespace}/${name}`;
}
