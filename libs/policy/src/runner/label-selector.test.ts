import { describe, expect, it } from 'vitest';
import { matchesLabelSelector } from './label-selector.ts';

const labels = { app: 'api', tier: 'web' };

describe('matchesLabelSelector', () => {
  it('matches everything when the selector is absent or empty', () => {
    expect(matchesLabelSelector(undefined, labels)).toBe(true);
    expect(matchesLabelSelector({}, {})).toBe(true);
  });

  it('requires every matchLabels pair', () => {
    expect(matchesLabelSelector({ matchLabels: { app: 'api' } }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchLabels: { app: 'api', tier: 'db' } }, labels)).toBe(false);
  });

  it.each([
    [{ key: 'app', operator: 'In', values: ['api', 'ui'] }, true],
    [{ key: 'app', operator: 'In', values: ['ui'] }, false],
    [{ key: 'zone', operator: 'In', values: ['a'] }, false],
    [{ key: 'app', operator: 'NotIn', values: ['ui'] }, true],
    [{ key: 'zone', operator: 'NotIn', values: ['a'] }, true],
    [{ key: 'app', operator: 'NotIn', values: ['api'] }, false],
    [{ key: 'tier', operator: 'Exists' }, true],
    [{ key: 'zone', operator: 'Exists' }, false],
    [{ key: 'zone', operator: 'DoesNotExist' }, true],
    [{ key: 'app', operator: 'DoesNotExist' }, false],
  ])('evaluates the requirement %j as %s', (requirement, expected) => {
    expect(matchesLabelSelector({ matchExpressions: [requirement] }, labels)).toBe(expected);
  });

  it('names an unknown operator', () => {
    expect(() => matchesLabelSelector({ matchExpressions: [{ key: 'app', operator: 'Near' }] }, labels)).toThrow(/"Near" is not one of/);
  });
});
