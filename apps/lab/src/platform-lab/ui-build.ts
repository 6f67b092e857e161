/**
 * The UI image serves the Vite build of apps/ui; the lab serves the same build (dist/apps/ui,
 * the ui project's `build` output), making it first when it is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function uiBuildDir(workspaceRoot: string): string {
  return join(workspaceRoot, 'dist/apps/ui');
}

export async function ensureUiBuild(workspaceRoot: string, log: (line: string) => void): Promise<string> {
  const dir = uiBuildDir(workspaceRoot);
  if (existsSync(join(dir, 'index.html'))) return dir;
  log('building the operator UI (vite build, once)');
  const vite = join(workspaceRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'apps/ui/vite.config.ts', '--outDir', dir, '--logLevel', 'warn'], { cwd: workspaceRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building the UI failed (vite exited with ${result.status}):\n${(result.stderr || result.stdout).trim()}`);
  return dir;
}
