/** Signals a whole process group: a supervised process leads its own, so its children share its fate. */

/** Sends `signal` (0: none, only the check) to the group that `leaderPid` leads; false when no process of the group is left. */
export function signalProcessGroup(leaderPid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-leaderPid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/**
 * Resolves once no process of the group `leaderPid` led is left (at most `timeoutMs`): a container
 * is restarted only after all its processes are gone, and a daemon that outlived its leader by a
 * few milliseconds (PostgreSQL's postmaster) would otherwise still hold its lock file.
 */
export async function processGroupGone(leaderPid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (signalProcessGroup(leaderPid, 0)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}
