import { describe, expect, it } from 'vitest';
import { planInstall, requirements, type Requirement } from '../../../tools/system-prereqs.mjs';

const postgres: Requirement = { command: 'pg_ctl', why: 'runs a real PostgreSQL', apt: 'postgresql', manual: null };
const kubectl = requirements.find((r) => r.command === 'kubectl')!;

describe('planInstall (npm test prerequisites)', () => {
  it('installs missing Debian packages with apt when it may', () => {
    expect(planInstall([postgres], { aptAllowed: true })).toEqual({ install: ['postgresql'], messages: [], ok: true });
  });

  it('fails with the exact apt command when it may not, never skipping silently', () => {
    const plan = planInstall([postgres], { aptAllowed: false });
    expect(plan.ok).toBe(false);
    expect(plan.install).toEqual([]);
    expect(plan.messages.join('\n')).toContain('sudo apt-get install -y postgresql');
  });

  it('fails with the manual instruction for a program Debian does not package well (kubectl)', () => {
    const plan = planInstall([kubectl], { aptAllowed: true });
    expect(plan.ok).toBe(false);
    expect(plan.messages.join('\n')).toMatch(/missing `kubectl`.*kubernetes\.io\/docs\/tasks\/tools/);
  });

  it('asks for nothing when nothing is missing', () => {
    expect(planInstall([], { aptAllowed: false })).toEqual({ install: [], messages: [], ok: true });
  });
});
