// The Pulumi program's entry (Pulumi.yaml `main`): reads the stack config and platform.config.ts,
// then hands plain data to the pure planner and the declarations. The only file here that
// touches the disk or Pulumi's configuration.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as pulumi from '@pulumi/pulumi';
import { catalogue, PlatformConfigError, requiredSecrets, resolvePlatform, type Platform } from '@millwright/platform';
import { renderTree } from '@millwright/manifests';
import { Day0ConfigError, parseDay0Config, secretConfigKeys, type RawStackConfig } from './day0-config.ts';
import { planDay0 } from './day0-plan.ts';
import { declareDay0, type Day0Outputs } from './day0-program.ts';

/** The repository root, two levels above this project. */
const repositoryRoot = resolve(import.meta.dirname, '../../..');

/**
 * Whether a stack config key holds a secret. Pulumi's SDK has this check but keeps it out of its
 * typings (@internal); without it, nothing is refused.
 */
function isSecretConfig(key: string): boolean {
  const check = (pulumi.runtime as unknown as { isConfigSecret?: (fullKey: string) => boolean }).isConfigSecret;
  return check ? check(`${pulumi.getProject()}:${key}`) : true;
}

/**
 * Loads `platform.config.ts` (its default export) and validates it, as `npm run render` does.
 * The promoted image pins are left out: nothing Day 0 creates (namespaces, Secrets, the
 * hand-over objects) names an image.
 */
async function loadPlatformConfig(path: string): Promise<Platform> {
  if (!existsSync(path)) throw new pulumi.RunError(`platformConfig: ${path} does not exist; set it with pulumi config set platformConfig <path to platform.config.ts>`);
  const module = (await import(pathToFileURL(path).href)) as { default?: unknown };
  if (module.default === undefined) throw new pulumi.RunError(`${path}: has no default export; end it with \`export default definePlatform({ ... })\``);
  return resolvePlatform(module.default, catalogue, path);
}

/** The program Pulumi runs: every resource of Day 0, and the stack outputs. */
export default async function day0(): Promise<Day0Outputs> {
  const config = new pulumi.Config();
  // Relative to the repository root, where platform.config.ts lives.
  const platformPath = resolve(repositoryRoot, config.get('platformConfig') ?? 'platform.config.ts');
  try {
    const platform = await loadPlatformConfig(platformPath);
    const tree = renderTree(platform, catalogue);
    const raw: RawStackConfig = {
      engine: config.get('engine'),
      kubeconfig: config.get('kubeconfig'),
      managementContext: config.get('managementContext'),
      clusters: config.getObject('clusters'),
      // Read as plain data to decide what to generate; every value is wrapped as a secret where it is used.
      shared: config.getObject('shared'),
      values: config.getObject('values'),
      plaintextKeys: secretConfigKeys.filter((key) => config.get(key) !== undefined && !isSecretConfig(key)),
    };
    const day0Config = parseDay0Config(raw, platform, requiredSecrets(platform, tree.components));
    return declareDay0(planDay0(platform, tree, day0Config)).outputs;
  } catch (error) {
    // A config problem is the user's to fix and its message says how; a stack trace would bury it.
    if (error instanceof Day0ConfigError || error instanceof PlatformConfigError) throw new pulumi.RunError(error.message);
    throw error;
  }
}
