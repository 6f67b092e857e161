import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeFiles, DuplicatePathError, type OutputFile } from '@millwright/manifests';

const file = (path: string): OutputFile => ({ path, content: `# ${path}\n` });

describe('composeFiles', () => {
  it('joins every group into one list sorted by path', () => {
    const files = composeFiles([file('k8s/ui/fleet.yaml'), file('bootstrap/root.yaml')], [file('fleet/gitrepo.yaml')], []);
    expect(files.map((f) => f.path)).toEqual(['bootstrap/root.yaml', 'fleet/gitrepo.yaml', 'k8s/ui/fleet.yaml']);
  });

  it('keeps each file content with its path', () => {
    expect(composeFiles([file('b.yaml'), file('a.yaml')])).toEqual([file('a.yaml'), file('b.yaml')]);
  });

  it('sorts by code point, so upper case comes before lower case whatever the locale', () => {
    expect(composeFiles([file('k8s/b'), file('k8s/B'), file('k8s/a')]).map((f) => f.path)).toEqual(['k8s/B', 'k8s/a', 'k8s/b']);
  });

  it('throws a DuplicatePathError naming the path two groups both claim', () => {
    const claim = () => composeFiles([file('k8s/mlflow/fleet.yaml')], [file('k8s/mlflow/fleet.yaml')]);
    expect(claim).toThrow(DuplicatePathError);
    expect(claim).toThrow('two renderers produced k8s/mlflow/fleet.yaml; every generated path must have exactly one owner');
  });

  it('throws on a path claimed twice within one group too, and the error carries the path', () => {
    try {
      composeFiles([file('fleet/gitrepo.yaml'), file('fleet/gitrepo.yaml')]);
      expect.unreachable('composeFiles accepted a duplicate path');
    } catch (error) {
      expect(error).toBeInstanceOf(DuplicatePathError);
      expect((error as DuplicatePathError).path).toBe('fleet/gitrepo.yaml');
      expect((error as DuplicatePathError).name).toBe('DuplicatePathError');
    }
  });

  it('gives the same list whatever order the groups and files come in', () => {
    const paths = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,3}(\/[a-z]{1,3}){0,2}\.yaml$/), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        paths.chain((unique) => fc.tuple(fc.constant(unique), fc.shuffledSubarray(unique, { minLength: unique.length }))),
        ([original, shuffled]) => {
          const once = composeFiles(original.map(file));
          const half = Math.floor(shuffled.length / 2);
          expect(composeFiles(shuffled.slice(half).map(file), shuffled.slice(0, half).map(file))).toEqual(once);
          expect(once.map((f) => f.path)).toEqual([...original].sort());
        },
      ),
      { numRuns: 100 },
    );
  });
});
