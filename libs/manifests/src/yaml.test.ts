import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { names } from '@millwright/platform';
import { toYaml } from '@millwright/manifests';

/** A Deployment written with its keys in the "wrong" order, as a renderer might build it. */
const shuffled = {
  spec: { replicas: 2 },
  metadata: { annotations: { note: 'kept' }, labels: { app: 'api' }, namespace: 'millwright-ot', name: 'api' },
  kind: 'Deployment',
  apiVersion: 'apps/v1',
};

/** The keys of the document's top-level mapping, in the order they were written. */
function topLevelKeys(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^[A-Za-z]/.test(line))
    .map((line) => line.slice(0, line.indexOf(':')));
}

describe('toYaml', () => {
  it('starts with the banner line', () => {
    expect(toYaml([shuffled]).split('\n')[0]).toBe(names.banner);
  });

  it('leaves the banner out when asked to', () => {
    const text = toYaml([shuffled], { banner: false });
    expect(text.startsWith('apiVersion: apps/v1\n')).toBe(true);
    expect(text).not.toContain(names.banner);
  });

  it('puts apiVersion, kind and metadata before every other key', () => {
    expect(topLevelKeys(toYaml([shuffled], { banner: false }))).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
  });

  it('puts name, namespace and labels first in metadata', () => {
    const document = parse(toYaml([shuffled])) as { metadata: object };
    expect(Object.keys(document.metadata)).toEqual(['name', 'namespace', 'labels', 'annotations']);
  });

  it('keeps the remaining keys in the order the renderer gave them', () => {
    const document = parse(toYaml([{ kind: 'ConfigMap', zeta: 1, data: { b: '2', a: '1' }, alpha: 2 }])) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual(['kind', 'zeta', 'data', 'alpha']);
    expect(Object.keys(document['data'] as object)).toEqual(['b', 'a']);
  });

  it('leaves out fields whose value is undefined', () => {
    const text = toYaml([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: undefined }, data: undefined }], { banner: false });
    expect(text).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  });

  it('ends with exactly one line feed and holds no carriage return', () => {
    const text = toYaml([{ kind: 'ConfigMap', data: { script: 'echo one\r\necho two\r\n', last: 'x' } }]);
    expect(text.endsWith('x\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text).not.toContain('\r');
    expect((parse(text) as { data: { script: string } }).data.script).toBe('echo one\r\necho two\r\n');
  });

  it('never folds a long string onto a second line', () => {
    const command = `exec mlflow server ${'--flag value '.repeat(30)}--last`;
    const text = toYaml([{ kind: 'Pod', command }], { banner: false });
    expect(text).toBe(`kind: Pod\ncommand: ${command}\n`);
  });

  it('writes a multi-line string as a block literal', () => {
    const text = toYaml([{ kind: 'ConfigMap', data: { 'init.sh': 'set -eu\necho ready\n' } }], { banner: false });
    expect(text).toBe('kind: ConfigMap\ndata:\n  init.sh: |\n    set -eu\n    echo ready\n');
  });

  it('separates several documents with a --- line and writes the banner once', () => {
    const text = toYaml([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' } },
    ]);
    const documents = parseAllDocuments(text).map((document) => document.toJS() as { metadata: { name: string } });
    expect(documents.map((document) => document.metadata.name)).toEqual(['a', 'b']);
    expect(text.split('\n').filter((line) => line === '---')).toHaveLength(1);
    expect(text.split(names.banner)).toHaveLength(2);
  });

  it('renders a list of documents as the same bytes every time', () => {
    expect(toYaml([shuffled, shuffled])).toBe(toYaml([structuredClone(shuffled), structuredClone(shuffled)]));
  });

  it('writes text that parses back to the same data, whatever the strings hold', () => {
    const key = fc.stringMatching(/^[a-z][-a-z0-9.]{0,12}$/);
    const text = fc.string({ unit: 'grapheme', maxLength: 120 });
    const scalar = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null));
    const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.dictionary(key, scalar, { maxKeys: 4 }));
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (data) => {
        const yaml = toYaml([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data }]);
        expect(yaml).not.toContain('\r');
        expect((parse(yaml) as { data: unknown }).data).toEqual(data);
      }),
      { numRuns: 100 },
    );
  });
});

describe('toYaml keeps what it is given', () => {
  it('keeps the blank lines a multi-line string ends with, even as the last value of the file', () => {
    const yaml = toYaml([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { script: 'a\n\n' } }]);
    expect((parse(yaml) as { data: { script: string } }).data.script).toBe('a\n\n');
  });

  it('keeps keys that share a name with Object.prototype members', () => {
    const yaml = toYaml([{ kind: 'X', constructor: 'v', metadata: { name: 'n', toString: 'w' } }]);
    expect(parse(yaml)).toEqual({ kind: 'X', metadata: { name: 'n', toString: 'w' }, constructor: 'v' });
  });
});
