import { buildPlatform, catalogue } from '@millwright/platform';
import { loadPlatform } from '../load-platform.ts';
import { formatSecretsScript } from '../secrets-script.ts';
import type { CommandOptions } from './options.ts';

/** `secrets`: prints a script that creates every Secret the rendered tree references, and their namespaces, where missing. */
export async function runSecrets(options: CommandOptions): Promise<string> {
  const platform = await loadPlatform(options.config, { root: options.root });
  return formatSecretsScript(platform, buildPlatform(platform, catalogue));
}
