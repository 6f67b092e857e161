import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalogue, names, resolveImagePins, resolvePlatform, type ComponentDefinition, type ImagePins, type Platform } from '@millwright/platform';
import { CliError } from './cli-error.ts';

/** Where the platform is loaded from. */
export interface LoadOptions {
  /**
   * The repository root, where `platform.images.json` (the promoted image pins) lives.
   * @default the directory of the config file
   */
  readonly root?: string;
  /** @default the whole catalogue */
  readonly components?: readonly ComponentDefinition[];
}

/** `<root>/platform.images.json`, the machine-edited pins file `set-image` writes. */
export function imagePinsPath(root: string): string {
  return join(root, names.imagePinsFile);
}

/**
 * Reads and checks the promoted image pins; a missing file means nothing is promoted yet. A file
 * that is not JSON becomes a CliError naming it; bad pins a PlatformConfigError naming each field.
 */
export function loadImagePins(root: string, components: readonly ComponentDefinition[] = catalogue): ImagePins {
  const path = imagePinsPath(root);
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`${names.imagePinsFile}: is not valid JSON (${(error as Error).message}); it is written by \`npm run gitops -- set-image\`, restore it from Git`);
  }
  return resolveImagePins(parsed, components, names.imagePinsFile);
}

/**
 * Loads `platform.config.ts` (its default export) and the promoted image pins beside it, and
 * validates both. A config file that does not exist, does not compile, or exports nothing becomes
 * a CliError naming the file.
 */
export async function loadPlatform(configPath: string, options: LoadOptions = {}): Promise<Platform> {
  const components = options.components ?? catalogue;
  const absolute = resolve(configPath);
  if (!existsSync(absolute)) throw new CliError(`${configPath}: no such file; pass --config <file> or run from the repository root`);
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(absolute).href)) as { default?: unknown };
  } catch (error) {
    throw new CliError(`${configPath}: cannot be loaded: ${(error as Error).message}`);
  }
  if (module.default === undefined) {
    throw new CliError(`${configPath}: has no default export; end it with \`export default definePlatform({ ... })\``);
  }
  const pins = loadImagePins(options.root ?? dirname(absolute), components);
  return resolvePlatform(module.default, components, configPath, pins);
}
