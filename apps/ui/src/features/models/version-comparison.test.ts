import { describe, expect, it } from 'vitest';
import type { RegisteredVersion } from './api/get-versions.ts';
import { rollbackTarget } from './version-comparison.ts';

const version = (number: string, aliases: string[], tags: Record<string, string> = {}): RegisteredVersion => ({
  version: number,
  creationTimestamp: Number(number),
  status: 'READY',
  runId: null,
  aliases,
  tags,
  metrics: {},
});

describe('rollbackTarget', () => {
  it('returns to the champion the API recorded as replaced', () => {
    expect(rollbackTarget([version('3', ['champion'], { 'millwright.replaced_champion': '1' }), version('2', [], { 'millwright.promotion': 'promoted' }), version('1', [])])).toBe('1');
  });

  it("finds the champion before a trainer promotion: the newest earlier version the trainer promoted", () => {
    const versions = [
      version('4', ['champion'], { 'millwright.promotion': 'promoted' }),
      version('3', [], { 'millwright.promotion': 'not-promoted' }),
      version('2', [], { 'millwright.promotion': 'promoted' }),
      version('1', [], { 'millwright.promotion': 'promoted' }),
    ];
    expect(rollbackTarget(versions)).toBe('2');
  });

  it('has nothing to return to for the first champion, or without a champion', () => {
    expect(rollbackTarget([version('1', ['champion'], { 'millwright.promotion': 'promoted' })])).toBeUndefined();
    expect(rollbackTarget([version('1', [])])).toBeUndefined();
  });
});
