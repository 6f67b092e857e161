// Runs the Day 0 program under Pulumi's mocks (no engine, no CLI, no cluster) and captures what
// it declares: every resource with its inputs, provider (kubeconfig context), dependencies and
// retain-on-delete flag, and the stack outputs as they would be stored, with their secretness.
import { createHash } from 'node:crypto';
import * as pulumi from '@pulumi/pulumi';
import { catalogue, requiredSecrets, resolvePlatform, type PlatformConfig } from '@millwright/platform';
import { renderTree } from '@millwright/manifests';
import { parseDay0Config, type DeliveryEngine } from '../day0-config.ts';
import { planDay0, type Day0Plan } from '../day0-plan.ts';
import { declareDay0 } from '../day0-program.ts';

/** One resource as the program registered it. */
export interface DeclaredResource {
  readonly type: string;
  readonly name: string;
  /** The inputs as plain data, secrets unwrapped. */
  readonly inputs: Record<string, unknown>;
  /** The paths of the inputs that were sent as secrets (`stringData.password`). */
  readonly secretInputs: readonly string[];
  /** The kubeconfig context of its provider; undefined for resources that are not Kubernetes'. */
  readonly context?: string;
  /** The names of the resources it waits for. */
  readonly dependsOn: readonly string[];
  readonly retainOnDelete: boolean;
}

/** A stack output leaf: its path, its value and whether Pulumi holds it as a secret. */
export interface OutputLeaf {
  readonly path: string;
  readonly value: unknown;
  readonly secret: boolean;
}

export interface MockRun {
  readonly plan: Day0Plan;
  readonly resources: readonly DeclaredResource[];
  readonly outputs: readonly OutputLeaf[];
  /** Every value the mocks generated for a RandomPassword, by resource name. */
  readonly generated: ReadonlyMap<string, string>;
}

/** What the mocked token controller writes into the argocd-manager token Secret. */
export const mockToken = 'mock-service-account-token';
export const mockCa = 'mock-cluster-ca';

const bcryptAlphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A deterministic stand-in for a random value: the same resource name gives the same value. */
function mockRandom(name: string, length: number, bcryptSalt: boolean): string {
  const digest = createHash('sha256').update(name).digest();
  if (bcryptSalt) return [...digest.subarray(0, length)].map((byte) => bcryptAlphabet[byte % 64]).join('');
  return `gen${digest.toString('hex')}`.slice(0, length);
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getDependenciesList(): string[];
  getRetainondelete(): boolean | undefined;
}

interface Monitor {
  registerResource(request: RegisterRequest, callback: (...args: unknown[]) => void): unknown;
}

/** Pulumi's marker of a secret value on the wire (sdk/nodejs/runtime/rpc.ts, specialSigKey and specialSecretSig). */
const specialSigKey = '4dabf18193072939515e22adb298388d';
const specialSecretSig = '1b47061264138c4ac30d75fd1eb44270';

/** Plain inputs, and the paths of the values that were secrets. */
function unwrapSecrets(value: unknown, path: string, secretPaths: string[]): unknown {
  if (Array.isArray(value)) return value.map((item, index) => unwrapSecrets(item, `${path}[${index}]`, secretPaths));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record[specialSigKey] === specialSecretSig) {
    const plain = unwrapSecrets(record['value'], path, []);
    const leaves = (v: unknown, p: string): string[] =>
      typeof v === 'object' && v !== null ? Object.entries(v).flatMap(([k, item]) => leaves(item, p ? `${p}.${k}` : k)) : [p];
    secretPaths.push(...leaves(plain, path));
    return plain;
  }
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, unwrapSecrets(item, path ? `${path}.${key}` : key, secretPaths)]));
}

/** The resource name at the end of a URN (`urn:pulumi:stack::project::type::name`). */
function nameOfUrn(urn: string): string {
  return urn.slice(urn.lastIndexOf('::') + 2);
}

/** Flattens an output value into leaves, each with the secretness of the Output it came from. */
async function leavesOf(path: string, value: unknown, inheritedSecret = false): Promise<OutputLeaf[]> {
  if (pulumi.Output.isInstance(value)) {
    const output = value as pulumi.Output<unknown> & { isSecret: Promise<boolean> };
    const secret = inheritedSecret || (await output.isSecret);
    const resolved = await new Promise<unknown>((resolve) => output.apply((v) => resolve(v)));
    return leavesOf(path, resolved, secret);
  }
  if (Array.isArray(value)) return (await Promise.all(value.map((item, index) => leavesOf(`${path}[${index}]`, item, inheritedSecret)))).flat();
  if (typeof value === 'object' && value !== null) {
    return (await Promise.all(Object.entries(value).map(([key, item]) => leavesOf(path ? `${path}.${key}` : key, item, inheritedSecret)))).flat();
  }
  return [{ path, value, secret: inheritedSecret }];
}

/** What the mocks capture while a program runs. */
export interface MockCapture {
  readonly resources: DeclaredResource[];
  readonly generated: Map<string, string>;
}

/**
 * Installs Pulumi's mocks for one program run and captures what it registers. The mocks stand in
 * for the providers: a RandomPassword gets a deterministic value, a service-account-token Secret
 * the token its cluster's token controller would write.
 */
export async function installMocks(): Promise<MockCapture> {
  const registered: DeclaredResource[] = [];
  const contexts = new Map<string, string>();
  const generated = new Map<string, string>();
  const requests = new Map<string, { dependsOn: string[]; retainOnDelete: boolean }>();
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const id = `${args.name}-id`;
        let state: Record<string, unknown> = unwrapSecrets(args.inputs, '', []) as Record<string, unknown>;
        if (args.type === 'pulumi:providers:kubernetes') contexts.set(id, String(state['context']));
        if (args.type === 'random:index/randomPassword:RandomPassword') {
          const result = mockRandom(args.name, Number(state['length']), state['overrideSpecial'] === './');
          generated.set(args.name, result);
          state = { ...state, result };
        }
        if (args.type === 'kubernetes:core/v1:Secret' && state['type'] === 'kubernetes.io/service-account-token') {
          state = { ...state, data: { token: Buffer.from(mockToken).toString('base64'), 'ca.crt': Buffer.from(mockCa).toString('base64') } };
        }
        const request = requests.get(args.name);
        const secretInputs: string[] = [];
        const inputs = unwrapSecrets(args.inputs, '', secretInputs) as Record<string, unknown>;
        registered.push({
          type: args.type,
          name: args.name,
          inputs,
          secretInputs,
          ...(args.provider && { context: contexts.get(args.provider.slice(args.provider.lastIndexOf('::') + 2)) }),
          dependsOn: request?.dependsOn ?? [],
          retainOnDelete: request?.retainOnDelete ?? false,
        });
        return { id, state };
      },
      call: (args) => args.inputs as Record<string, unknown>,
    },
    'millwright-day0',
    'test',
    false,
  );
  // The mocks see inputs only; the registration request also carries dependencies and options.
  const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    requests.set(request.getName(), { dependsOn: request.getDependenciesList().map(nameOfUrn), retainOnDelete: request.getRetainondelete() ?? false });
    return register(request, callback);
  };
  return { resources: registered, generated };
}

/** The stack outputs as leaves, each with whether Pulumi holds it as a secret. */
export function outputLeaves(outputs: object): Promise<OutputLeaf[]> {
  return leavesOf('', outputs);
}

/** Declares the plan's resources under mocks and waits until every one is registered. */
export async function runUnderMocks(plan: Day0Plan): Promise<MockRun> {
  const capture = await installMocks();
  const deployment = declareDay0(plan);
  await new Promise<void>((resolve) => pulumi.all(deployment.resources.map((resource) => resource.urn)).apply(() => resolve()));
  return { plan, resources: capture.resources, outputs: await outputLeaves(deployment.outputs), generated: capture.generated };
}

/** The stack config a test starts from: every cluster at a context of its own name, the first one managing. */
export function sampleStackConfig(engine: DeliveryEngine, config: PlatformConfig, more: Record<string, unknown> = {}): Record<string, unknown> {
  const clusters = Object.fromEntries(
    config.clusters.map((cluster) => [cluster.name, { context: `ctx-${cluster.name}`, ...('name' in (cluster.argocd ?? {}) ? { server: `https://${cluster.name}.example.com:6443` } : {}) }]),
  );
  return { engine, managementContext: 'ctx-management', clusters, ...more };
}

/** Plans Day 0 for a platform config and a stack config, as main.ts does, without the disk. */
export function planFor(config: PlatformConfig, stack: Record<string, unknown>): Day0Plan {
  const platform = resolvePlatform(config, catalogue);
  const tree = renderTree(platform, catalogue);
  return planDay0(platform, tree, parseDay0Config(stack, platform, requiredSecrets(platform, tree.components)));
}
