import { existsSync, readFileSync } from 'node:fs';

/**
 * Whether the process still runs. A killed process whose parent is gone may linger as a zombie
 * until whoever adopted it reaps it (in a container, maybe never), so Z and X count as gone.
 */
export function isRunning(pid: number): boolean {
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  try {
    return !/^\d+ \(.*\) [ZX] /s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false; // it went between the two reads
  }
}
