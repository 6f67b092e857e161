import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalogue, resolvePlatform, type ComponentDefinition, type Platform } from '@millwright/platform';
import { CliError } from './cli-error.ts';

/**
 * Loads `platform.config.ts` (its default export) and validates it. A file that does not exist,
 * does not compile, or exports nothing becomes a CliError naming the file.
 */
export async function loadPlatform(configPath: string, components: readonly ComponentDefinition[] = catalogue): Promise<Platform> {
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
  return resolvePlatform(module.default, components, configPath);
}
