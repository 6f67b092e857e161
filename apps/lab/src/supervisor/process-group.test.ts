import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processGroupGone, signalProcessGroup } from './process-group.ts';

describe('processGroupGone', () => {
  it('waits for every process of the group, not just its leader', async () => {
    // The leader starts a child in its group that outlives it, then exits.
    const leader = spawn(process.execPath, ['-e', "require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' }).unref()"], { detached: true, stdio: 'ignore' });
    const pid = leader.pid!;
    await new Promise((resolve) => leader.once('exit', resolve));
    try {
      expect(await processGroupGone(pid, 300)).toBe(false);
      signalProcessGroup(pid, 'SIGKILL');
      expect(await processGroupGone(pid, 5000)).toBe(true);
    } finally {
      signalProcessGroup(pid, 'SIGKILL');
    }
  });
});
