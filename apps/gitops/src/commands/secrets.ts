import { buildPlatform, catalogue } from '@millwright/platform';
import { loadPlatform } from '../load-platform.ts';
import { formatSecretCommands } from '../summary.ts';
import type { CommandOptions } from './options.ts';

/** `secrets`: prints a script that creates every Secret the rendered tree references. */
export async function runSecrets(options: CommandOptions): Promise<string> {
  const platform = await loadPlatform(options.config, { root: options.root });
  return formatSecretCommands(platform, buildPlatform(platform, catalogue));
}
