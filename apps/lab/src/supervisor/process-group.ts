/** Signals a whole process group: a supervised process leads its own, so its children share its fate. */

/** Sends `signal` to the group that `leaderPid` leads; false when no process of the group is left. */
export function signalProcessGroup(leaderPid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-leaderPid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}
