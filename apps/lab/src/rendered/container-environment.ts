import type { IContainer, IEnvVar } from 'kubernetes-models/v1';
import { entryText, type DataSources, type KeyedData } from './data-sources.ts';
import { expandReferences } from './expand-references.ts';

/** What the downward API (`fieldRef`) can tell a container about its pod. */
export interface PodFacts {
  readonly namespace: string;
  readonly podName: string;
  /** Unset: `status.podIP` is an error rather than a guess. */
  readonly podIp?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface EnvironmentContext {
  readonly sources: DataSources;
  readonly pod: PodFacts;
  readonly cluster: string;
  /** Names the container in problems: `Deployment millwright-ot/inference-api, container inference-api`. */
  readonly where: string;
}

/** The environment of one container and the `$(NAME)` references nothing defined. */
export interface ResolvedEnvironment {
  readonly env: Readonly<Record<string, string>>;
  readonly unresolved: readonly string[];
}

/**
 * The kubelet's (pre-relaxed) rule for env names taken from envFrom keys. A key outside it is
 * skipped by older kubelets and kept by those with RelaxedEnvironmentVariableValidation, so the
 * lab refuses it instead of picking one behaviour.
 */
const envVarName = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

const supportedFieldPaths = 'metadata.name, metadata.namespace, status.podIP, metadata.labels[...], metadata.annotations[...]';

function fieldValue(path: string, pod: PodFacts): { value: string } | { problem: string } {
  if (path === 'metadata.name') return { value: pod.podName };
  if (path === 'metadata.namespace') return { value: pod.namespace };
  if (path === 'status.podIP') {
    return pod.podIp !== undefined ? { value: pod.podIp } : { problem: 'fieldRef status.podIP needs the pod address: pass options.podIp' };
  }
  const subscript = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  // The downward API gives an empty string for a label or annotation the pod does not carry.
  if (subscript) return { value: (subscript[1] === 'labels' ? pod.labels : pod.annotations)[subscript[2]!] ?? '' };
  return { problem: `fieldRef ${path} is not supported by the lab (supported: ${supportedFieldPaths})` };
}

const missingFix = 'add it to the component (rendered, or among its required Secrets), or mark the reference optional: true';

/** The value of a `configMapKeyRef`/`secretKeyRef`; `skip` when it is optional and missing, as the kubelet leaves the variable out. */
function keyRefValue(
  kind: 'ConfigMap' | 'Secret',
  ref: { name?: string; key: string; optional?: boolean },
  context: EnvironmentContext,
): { value: string } | { skip: true } | { problem: string } {
  const name = ref.name ?? '';
  const data = kind === 'ConfigMap' ? context.sources.configMap(context.pod.namespace, name) : context.sources.secret(context.pod.namespace, name);
  const reference = `${kind === 'ConfigMap' ? 'configMapKeyRef' : 'secretKeyRef'} to ${kind} ${context.pod.namespace}/${name} key "${ref.key}"`;
  if (!data) {
    if (ref.optional) return { skip: true };
    return { problem: `${reference}: the ${kind} does not exist on cluster ${context.cluster}; ${missingFix}` };
  }
  const entry = data[ref.key];
  if (!entry) {
    if (ref.optional) return { skip: true };
    return { problem: `${reference}: the ${kind} has no key "${ref.key}" (it has ${Object.keys(data).join(', ') || 'no keys'}); ${missingFix}` };
  }
  return { value: entryText(entry) };
}

function envVarValue(variable: IEnvVar, context: EnvironmentContext, defined: ReadonlyMap<string, string>, unresolved: string[]): { value: string } | { skip: true } | { problem: string } {
  const source = variable.valueFrom;
  // The kubelet expands a non-empty `value` and reads `valueFrom` only when `value` is empty.
  if ((variable.value ?? '') !== '' || !source) {
    const value = expandReferences(variable.value ?? '', (name) => {
      const found = defined.get(name);
      if (found === undefined) unresolved.push(`${variable.name}: $(${name})`);
      return found;
    });
    return { value };
  }
  if (source.fieldRef) return fieldValue(source.fieldRef.fieldPath, context.pod);
  if (source.configMapKeyRef) return keyRefValue('ConfigMap', source.configMapKeyRef, context);
  if (source.secretKeyRef) return keyRefValue('Secret', source.secretKeyRef, context);
  const kind = Object.keys(source).join(', ') || 'an empty valueFrom';
  return { problem: `valueFrom ${kind} is not supported by the lab (supported: fieldRef, configMapKeyRef, secretKeyRef)` };
}

function envFromData(source: NonNullable<IContainer['envFrom']>[number], context: EnvironmentContext): { data: KeyedData; what: string } | { skip: true } | { problem: string } {
  const ref = source.configMapRef ?? source.secretRef;
  const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
  if (!ref) return { problem: 'envFrom entry without configMapRef or secretRef' };
  const name = ref.name ?? '';
  const data = kind === 'ConfigMap' ? context.sources.configMap(context.pod.namespace, name) : context.sources.secret(context.pod.namespace, name);
  if (data) return { data, what: `${kind} ${context.pod.namespace}/${name}` };
  if (ref.optional) return { skip: true };
  return { problem: `envFrom ${kind} ${context.pod.namespace}/${name}: the ${kind} does not exist on cluster ${context.cluster}; ${missingFix}` };
}

/**
 * The environment the kubelet gives `container` (kubelet `makeEnvironmentVariables`): every
 * envFrom source in order (each key with the source's `prefix`), then `env` in order; a later
 * definition of a name replaces an earlier one. A `value` expands `$(NAME)` against what is
 * defined before it only; `valueFrom` values are never expanded; an optional reference to a
 * missing ConfigMap, Secret or key defines nothing. Problems are appended, prefixed with `where`.
 */
export function containerEnvironment(container: IContainer, context: EnvironmentContext, problems: string[]): ResolvedEnvironment {
  const defined = new Map<string, string>();
  const unresolved: string[] = [];
  for (const source of container.envFrom ?? []) {
    const found = envFromData(source, context);
    if ('problem' in found) problems.push(`${context.where}: ${found.problem}`);
    if (!('data' in found)) continue;
    for (const [key, entry] of Object.entries(found.data)) {
      const name = `${source.prefix ?? ''}${key}`;
      if (!envVarName.test(name)) {
        problems.push(`${context.where}: envFrom ${found.what} key "${key}" gives the variable name "${name}", which kubelets treat differently (older ones skip it); rename the key`);
        continue;
      }
      defined.set(name, entryText(entry));
    }
  }
  for (const variable of container.env ?? []) {
    const found = envVarValue(variable, context, defined, unresolved);
    if ('problem' in found) problems.push(`${context.where}, env ${variable.name}: ${found.problem}`);
    else if ('value' in found) defined.set(variable.name, found.value);
  }
  return { env: Object.fromEntries(defined), unresolved };
}

/** `command` or `args` with `$(NAME)` expanded against the container's final environment (kubelet `ExpandContainerCommandAndArgs`). */
export function expandArguments(
  field: 'command' | 'args',
  values: readonly string[] | undefined,
  env: Readonly<Record<string, string>>,
  unresolved: string[],
): string[] | undefined {
  return values?.map((value, index) =>
    expandReferences(value, (name) => {
      const found = Object.hasOwn(env, name) ? env[name] : undefined;
      if (found === undefined) unresolved.push(`${field}[${index}]: $(${name})`);
      return found;
    }),
  );
}
