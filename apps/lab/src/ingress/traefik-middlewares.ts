import { createHash } from 'node:crypto';
import type { KubeObject } from '@millwright/kube';
import { entryText, type DataSources } from '../rendered/data-sources.ts';
import { namespaceOf, type ObjectIndex } from '../rendered/object-index.ts';
import type { LabMiddleware } from './lab-route.ts';

/** The Middleware CRD Traefik v3 reads (traefik.containo.us was removed in v3). */
export const middlewareApiVersion = 'traefik.io/v1alpha1';

/** The basicAuth fields Traefik's CRD defines (doc.traefik.io, BasicAuth middleware). */
const basicAuthFields = ['secret', 'realm', 'removeHeader', 'headerField'];
/** The headers fields the lab imitates; Traefik has many more (CORS, HSTS, frame options...), refused by name. */
const headersFields = ['customRequestHeaders', 'customResponseHeaders'];

interface BasicAuthSpec {
  secret?: string;
  realm?: string;
  removeHeader?: boolean;
  headerField?: string;
}

interface HeadersSpec {
  customRequestHeaders?: Record<string, string>;
  customResponseHeaders?: Record<string, string>;
}

function unknownFields(spec: object, known: readonly string[]): string[] {
  return Object.keys(spec).filter((field) => !known.includes(field));
}

/**
 * The htpasswd lines Traefik takes from a basicAuth Secret: a `kubernetes.io/basic-auth` Secret's
 * username and password (as a `{SHA}` line), else the one key an Opaque Secret must have exactly
 * (Traefik refuses the Middleware when it has more, and then never builds the router), every
 * non-empty line of it.
 */
function basicAuthUsers(namespace: string, secretName: string, index: ObjectIndex, sources: DataSources): { users: string[] } | { problem: string } {
  const rendered = index.get('Secret', namespace, secretName);
  const data = sources.secret(namespace, secretName);
  if (!data) return { problem: `Secret ${namespace}/${secretName} does not exist (neither rendered nor among the lab's Secret values)` };
  if (rendered?.['type'] === 'kubernetes.io/basic-auth') {
    const user = data['username'];
    const password = data['password'];
    if (!user || !password) return { problem: `Secret ${namespace}/${secretName} of type kubernetes.io/basic-auth needs both username and password` };
    const hash = createHash('sha1').update(entryText(password)).digest('base64');
    return { users: [`${entryText(user)}:{SHA}${hash}`] };
  }
  const keys = Object.keys(data);
  if (keys.length !== 1) return { problem: `Secret ${namespace}/${secretName} has ${keys.length} keys (${keys.join(', ')}); Traefik's basicAuth needs exactly one and refuses the Middleware otherwise` };
  const users = entryText(data[keys[0]!]!)
    .split('\n')
    .filter((line) => line !== '');
  if (users.length === 0) return { problem: `Secret ${namespace}/${secretName} holds no htpasswd line` };
  return { users };
}

/**
 * One Traefik Middleware as the lab applies it: basicAuth (users from its Secret) and headers
 * (custom request and response headers). Any other middleware, or an unknown field of these
 * two, is a problem naming it: dropping it would let the lab route what Traefik would not.
 */
export function labMiddleware(object: KubeObject, index: ObjectIndex, sources: DataSources): { middleware: LabMiddleware } | { problems: string[] } {
  const namespace = namespaceOf(object);
  const name = object.metadata.name;
  const where = `Middleware ${namespace}/${name}`;
  const spec = (object['spec'] ?? {}) as Record<string, unknown>;
  const kinds = Object.keys(spec);
  if (kinds.length !== 1) return { problems: [`${where}: defines ${kinds.length === 0 ? 'no middleware' : `several middlewares (${kinds.join(', ')})`}; Traefik takes exactly one per object`] };
  const kind = kinds[0]!;
  if (kind === 'basicAuth') {
    const basicAuth = spec['basicAuth'] as BasicAuthSpec;
    const unknown = unknownFields(basicAuth, basicAuthFields);
    if (unknown.length > 0) return { problems: [`${where}: basicAuth field(s) ${unknown.join(', ')} are not supported by the lab`] };
    if (!basicAuth.secret) return { problems: [`${where}: basicAuth without a secret is not supported by the lab`] };
    const found = basicAuthUsers(namespace, basicAuth.secret, index, sources);
    if ('problem' in found) return { problems: [`${where}: ${found.problem}`] };
    return {
      middleware: {
        kind: 'basicAuth',
        namespace,
        name,
        users: found.users,
        realm: basicAuth.realm ?? 'traefik',
        removeHeader: basicAuth.removeHeader ?? false,
        ...(basicAuth.headerField ? { headerField: basicAuth.headerField } : {}),
      },
    };
  }
  if (kind === 'headers') {
    const headers = spec['headers'] as HeadersSpec;
    const unknown = unknownFields(headers, headersFields);
    if (unknown.length > 0) return { problems: [`${where}: headers field(s) ${unknown.join(', ')} are not supported by the lab (only ${headersFields.join(', ')})`] };
    return { middleware: { kind: 'headers', namespace, name, requestHeaders: headers.customRequestHeaders ?? {}, responseHeaders: headers.customResponseHeaders ?? {} } };
  }
  if (kind === 'stripPrefix') {
    const strip = spec['stripPrefix'] as { prefixes?: unknown };
    const unknown = Object.keys(strip).filter((field) => field !== 'prefixes');
    if (unknown.length > 0) return { problems: [`${where}: stripPrefix field(s) ${unknown.join(', ')} are not supported by the lab (only prefixes)`] };
    const prefixes = Array.isArray(strip.prefixes) ? strip.prefixes.filter((p): p is string => typeof p === 'string' && p.startsWith('/')) : [];
    if (prefixes.length === 0 || prefixes.length !== (strip.prefixes as unknown[]).length) return { problems: [`${where}: stripPrefix.prefixes must be a list of paths starting with /`] };
    return { middleware: { kind: 'stripPrefix', namespace, name, prefixes } };
  }
  return { problems: [`${where}: middleware ${kind} is not supported by the lab (supported: basicAuth, headers, stripPrefix)`] };
}

/**
 * The Middleware an Ingress annotation names, `<namespace>-<name>@kubernetescrd`: Traefik's CRD
 * provider registers each Middleware under `<namespace>-<name>`, so the lab looks for the object
 * with that key (both parts may contain dashes).
 */
export function middlewareByReference(reference: string, index: ObjectIndex): { object: KubeObject } | { problem: string } {
  const [id, provider, ...rest] = reference.split('@');
  if (rest.length > 0 || provider !== 'kubernetescrd') {
    return { problem: `middleware reference "${reference}" is not of the form <namespace>-<name>@kubernetescrd, the only provider the lab reads` };
  }
  const matches = index.ofKind('Middleware').filter((object) => object.apiVersion === middlewareApiVersion && `${namespaceOf(object)}-${object.metadata.name}` === id);
  if (matches.length === 0) return { problem: `middleware reference "${reference}" names no ${middlewareApiVersion} Middleware among the objects` };
  if (matches.length > 1) return { problem: `middleware reference "${reference}" is ambiguous: ${matches.map((object) => `${namespaceOf(object)}/${object.metadata.name}`).join(', ')}` };
  return { object: matches[0]! };
}
