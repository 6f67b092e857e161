import { requiredSecrets, secretKeySource, sharedValueNames, type Platform, type RequiredSecret, type ResolvedComponent } from '@millwright/platform';
import { renderedNamespace, toYaml } from '@millwright/manifests';

/** The shell variable of a value several Secrets share: `telemetry-database-password` → `TELEMETRY_DATABASE_PASSWORD`. */
function shellVariable(sharedName: string): string {
  return sharedName.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** Where a shared value is held as it is (not as an htpasswd line, which cannot be read back). */
interface PlainHolder {
  readonly secret: RequiredSecret;
  readonly key: string;
}

function plainHolders(secrets: readonly RequiredSecret[], sharedName: string): PlainHolder[] {
  return secrets.flatMap((secret) => Object.entries(secret.shared).flatMap(([key, name]) => (name === sharedName ? [{ secret, key }] : [])));
}

/** The helpers every section calls; each prints what it did. */
const helpers = `# namespace_exists NAMESPACE / secret_exists NAMESPACE NAME: whether it exists. Any kubectl error
# but "not found" (no access, wrong context) stops the script before it creates anything more.
namespace_exists() {
  found=$(kubectl get namespace "$1" --ignore-not-found -o name) || exit 1
  [ -n "$found" ]
}
secret_exists() {
  found=$(kubectl -n "$1" get secret "$2" --ignore-not-found -o name) || exit 1
  [ -n "$found" ]
}

# ensure_namespace NAMESPACE < MANIFEST: creates the namespace as the platform renders it, unless
# it exists (Argo CD or Fleet made it): an existing namespace is left as it is.
ensure_namespace() {
  if namespace_exists "$1"; then
    echo "namespace $1: exists, left as it is"
  else
    kubectl create -f - >/dev/null
    echo "namespace $1: created"
  fi
}

# learn VARIABLE NAMESPACE SECRET KEY: unless VARIABLE is set, takes its value from a Secret on
# this cluster that already holds it, so a Secret created now matches the ones created before. A
# holder without that key stops the script: a new value would not match what the holder uses.
learn() {
  eval "known=\\\${$1:-}"
  [ -z "$known" ] || return 0
  secret_exists "$2" "$3" || return 0
  data=$(kubectl -n "$2" get secret "$3" -o "jsonpath={.data.$4}") || exit 1
  if [ -z "$data" ]; then
    echo "secret $2/$3 has no key $4, which holds the value $1 shares; add it, or delete that Secret" >&2
    exit 1
  fi
  value=$(printf '%s' "$data" | base64 -d) || exit 1
  eval "$1=\\$value"
}

# generate VARIABLE [ALSO]: unless VARIABLE is set (exported, or by an earlier section of this
# run), sets it to a new random value and says which Secrets elsewhere must hold the same.
generate() {
  eval "known=\\\${$1:-}"
  [ -z "$known" ] || return 0
  value=$(openssl rand -hex 24)
  eval "$1=\\$value"
  echo "$1: generated\${2:+; $2 must hold the same value: run those sections in this shell, or export $1 there}"
}

# require PROGRAM WHY: stops before anything is created when PROGRAM is missing.
require() {
  command -v "$1" >/dev/null 2>&1 || { echo "$1 is needed to $2; install it and run this again" >&2; exit 1; }
}

kept() {
  echo "secret $1/$2: exists, kept as it is (never overwritten; delete it to create it anew)"
}

created() {
  echo "secret $1/$2: created"
}`;

/** The shell variable one key's value is computed into before kubectl runs. */
function keyVariable(key: string): string {
  return `value_${key.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/**
 * The assignment computing one key's value. A plain assignment, not a substitution inside
 * kubectl's arguments: `set -e` stops on a failed assignment, but would let kubectl create the
 * Secret with an empty value when htpasswd or openssl failed inside its argument list.
 */
function valueAssignment(secret: RequiredSecret, key: string): string {
  const source = secretKeySource(secret, key);
  // htpasswd (apache2-utils) -nbB: one bcrypt line, as Traefik's basic auth reads it.
  if (source.kind === 'htpasswd') return `${keyVariable(key)}=$(htpasswd -nbB "$${shellVariable(source.userShared)}" "$${shellVariable(source.passwordShared)}")`;
  return `${keyVariable(key)}=${source.kind === 'shared' ? `"$${shellVariable(source.name)}"` : '$(openssl rand -hex 24)'}`;
}

/** One Secret, created only when it is missing; its values are generated only then. */
function secretBlock(secret: RequiredSecret, allSecrets: readonly RequiredSecret[]): string {
  const { namespace, name } = secret;
  const generated = sharedValueNames(secret).map((sharedName) => {
    const elsewhere = allSecrets
      .filter((other) => other.cluster !== secret.cluster && sharedValueNames(other).includes(sharedName))
      .map((other) => `${other.cluster}: ${other.namespace}/${other.name}`);
    return `  generate ${shellVariable(sharedName)}${elsewhere.length > 0 ? ` "${elsewhere.join(', ')}"` : ''}`;
  });
  return [
    `if secret_exists ${namespace} ${name}; then`,
    `  kept ${namespace} ${name}`,
    'else',
    ...generated,
    ...secret.keys.map((key) => `  ${valueAssignment(secret, key)}`),
    `  kubectl -n ${namespace} create secret generic ${name} ${secret.keys.map((key) => `--from-literal=${key}="$${keyVariable(key)}"`).join(' ')} >/dev/null`,
    `  created ${namespace} ${name}`,
    'fi',
  ].join('\n');
}

/** One cluster's section: its namespaces, the shared values its existing Secrets hold, its Secrets. */
function clusterSection(cluster: string, secrets: readonly RequiredSecret[], allSecrets: readonly RequiredSecret[], components: readonly ResolvedComponent[]): string {
  const namespaces = [...new Set(secrets.map((secret) => secret.namespace))];
  const sharedNames = [...new Set(secrets.flatMap(sharedValueNames))].sort();
  const learned = sharedNames.flatMap((sharedName) =>
    plainHolders(secrets, sharedName).map(({ secret, key }) => `learn ${shellVariable(sharedName)} ${secret.namespace} ${secret.name} ${key}`),
  );
  return [
    `# cluster ${cluster}`,
    ...namespaces.map((namespace) => `ensure_namespace ${namespace} <<'MANIFEST'\n${toYaml([renderedNamespace(components, cluster, namespace)], { banner: false })}MANIFEST`),
    ...learned,
    ...secrets.map((secret) => secretBlock(secret, allSecrets)),
  ].join('\n');
}

/**
 * A shell script that creates every required Secret with random values (README: "Secrets") and,
 * first, each namespace they go in, as the platform renders it: on an empty cluster it creates
 * everything, on a cluster that has them it changes nothing. An existing Secret is never
 * overwritten and no value is generated for it. Values several Secrets must share (a database
 * password in the postgres Secret and in the app's) are generated once per run, as shell
 * variables, or read back from a Secret of the cluster that holds one already.
 */
export function formatSecretsScript(platform: Platform, components: readonly ResolvedComponent[]): string {
  const secrets = requiredSecrets(platform, components);
  const clusters = [...new Set(secrets.map((secret) => secret.cluster))];
  const lines = [
    '#!/bin/sh',
    '# Creates the namespaces and Secrets Millwright references, each only where it is missing: an',
    '# existing Secret is never overwritten, so running this again changes nothing. Run the section of',
    '# each cluster with kubectl pointed at it (kubectl config use-context ...), all in one shell, so',
    '# that values several Secrets share are generated once. htpasswd lines need htpasswd (apache2-utils).',
    'set -eu',
    '',
    helpers,
    '',
    'require kubectl "create the namespaces and Secrets"',
    'require openssl "generate random values"',
    ...(secrets.some((secret) => secret.keys.some((key) => secretKeySource(secret, key).kind === 'htpasswd'))
      ? ['require htpasswd "write the basic-auth lines (Debian: apt-get install apache2-utils)"']
      : []),
  ];
  for (const cluster of clusters) {
    lines.push('', clusterSection(cluster, secrets.filter((secret) => secret.cluster === cluster), secrets, components));
  }
  return `${lines.join('\n')}\n`;
}
