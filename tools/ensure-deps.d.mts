export interface InstallPaths {
  lockfile: string;
  stamp: string;
  lock: string;
}
export function installPaths(root: string): InstallPaths;
export function lockfileHash(root: string): string;
export function installIsCurrent(root: string): boolean;
export function ensureInstalled(options: {
  root: string;
  install: () => number | null;
  log?: (line: string) => void;
  waitMs?: number;
}): number;
