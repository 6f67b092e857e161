/**
 * The UI image serves the Vite build of apps/ui; the lab serves the same build (dist/apps/ui, the
 * ui project's `build` output), made again when it is missing or older than the UI's sources.
 */
import { join } from 'node:path';
import { buildUi, uiBuildIsStale } from '@millwright/ui-build';

export function uiBuildDir(workspaceRoot: string): string {
  return join(workspaceRoot, 'dist/apps/ui');
}

export async function ensureUiBuild(workspaceRoot: string, log: (line: string) => void): Promise<string> {
  const dir = uiBuildDir(workspaceRoot);
  if (!uiBuildIsStale(workspaceRoot, dir)) return dir;
  log('building the operator UI (vite build)');
  await buildUi(workspaceRoot, dir);
  return dir;
}
