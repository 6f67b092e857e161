import { describe, expect, it } from 'vitest';
import { assertAliasName, assertModelName, assertModelVersion } from './registry-names.ts';
import { assertArtifactPath } from './artifact-path.ts';

describe('assertAliasName', () => {
  it('accepts champion, challenger and names of letters, digits, "_" and "-"', () => {
    for (const alias of ['champion', 'challenger', 'canary_2', 'shadow-eu']) expect(() => assertAliasName(alias)).not.toThrow();
  });

  it.each([
    ['', 'it is empty'],
    ['two words', 'names may only contain letters, digits, underscores (_) and dashes (-)'],
    ['Latest', '"latest" (in any case) is reserved'],
    ['V12', 'v<number> is reserved for version references'],
    ['a'.repeat(256), 'longer than 255 characters'],
  ])('refuses %j: %s', (alias, reason) => {
    expect(() => assertAliasName(alias)).toThrow(reason);
  });
});

describe('assertModelName', () => {
  it.each([[''], ['.'], ['..'], ['a/b'], ['tab\there']])('refuses %j', (name) => {
    expect(() => assertModelName(name)).toThrow('registered model name');
  });
});

describe('assertModelVersion', () => {
  it.each([['0'], ['01'], ['1.0'], ['latest'], ['-1']])('refuses %j', (version) => {
    expect(() => assertModelVersion(version)).toThrow('versions are positive integers');
  });
});

describe('assertArtifactPath', () => {
  it('accepts nested relative paths', () => {
    expect(assertArtifactPath('model/model.onnx')).toBe('model/model.onnx');
  });

  it.each([[''], ['/abs'], ['a/../b'], ['a/./b'], ['a//b'], ['dir/'], ['win\\path'], ['nul\0']])('refuses %j', (path) => {
    expect(() => assertArtifactPath(path)).toThrow('artifact path');
  });
});
