import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFlags, trainerCommands, trainerOptionFlags } from './trainer-cli.ts';

const root = join(import.meta.dirname, '../../../..');

describe("the trainer's command line as pipelines use it", () => {
  const help = spawnSync(process.execPath, ['--import', 'tsx', 'apps/trainer/src/main.ts', '--help'], { cwd: root, encoding: 'utf8' });

  it('matches the commands apps/trainer accepts', () => {
    expect(help.status, help.stderr).toBe(0);
    const commands = /usage: trainer <([^>]+)>/.exec(help.stdout)?.[1]?.split('|');
    expect(commands?.sort()).toEqual([...trainerCommands].sort());
  });

  it('uses only flags apps/trainer documents', () => {
    for (const flag of [...Object.values(trainerOptionFlags), ...Object.values(runFlags)]) {
      expect(help.stdout, flag).toMatch(new RegExp(`^  ${flag}\\b`, 'm'));
    }
  });
});
