import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifestInputs } from './manifest-inputs.ts';

describe('readManifestInputs', () => {
  let dir: string;
  const write = (path: string, text = 'kind: x\n') => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'millwright-inputs-'));
    write('plain/b.yaml');
    write('plain/a.yml');
    write('plain/nested/c.yaml');
    write('plain/notes.txt');
    write('plain/.hidden/d.yaml');
    write('plain/node_modules/pkg/e.yaml');
    mkdirSync(join(dir, 'empty'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a directory without a kustomization recursively: .yaml and .yml, sorted, no hidden entries or node_modules', async () => {
    const { sources, problems } = await readManifestInputs([join(dir, 'plain')]);
    expect(problems).toEqual([]);
    expect(sources.map((s) => s.name.slice(dir.length + 1))).toEqual(['plain/a.yml', 'plain/b.yaml', 'plain/nested/c.yaml']);
  });

  it('names standard input <stdin> and reads it once', async () => {
    let reads = 0;
    const stdin = async () => (reads++, 'kind: x\n');
    expect((await readManifestInputs(['-'], stdin)).sources).toEqual([{ name: '<stdin>', text: 'kind: x\n' }]);
    const twice = await readManifestInputs(['-', '-'], stdin);
    expect(twice.problems).toEqual([{ file: '<stdin>', message: '"-" is given more than once; standard input can be read only once' }]);
    expect(reads).toBe(1);
  });

  it('names a missing path and a directory with nothing to read, and goes on with the others', async () => {
    const missing = join(dir, 'missing.yaml');
    const { sources, problems } = await readManifestInputs([missing, join(dir, 'empty'), join(dir, 'plain/b.yaml')]);
    expect(problems).toEqual([
      { file: missing, message: 'no such file or directory' },
      { file: join(dir, 'empty'), message: 'holds no kustomization and no .yaml or .yml file' },
    ]);
    expect(sources.map((s) => s.name)).toEqual([join(dir, 'plain/b.yaml')]);
  });

  it("builds a directory that holds a kustomization and names kubectl's error when the build fails", async () => {
    write('kustomized/kustomization.yml', 'resources: [missing.yaml]\n');
    const { sources, problems } = await readManifestInputs([join(dir, 'kustomized')]);
    expect(sources).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe(join(dir, 'kustomized'));
    expect(problems[0]!.message).toMatch(/^kubectl kustomize failed: .*missing\.yaml/);
  });
});
