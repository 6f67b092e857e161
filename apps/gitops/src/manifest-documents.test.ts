import { describe, expect, it } from 'vitest';
import { formatManifestProblem, parseManifest } from './manifest-documents.ts';

const parse = (text: string) => parseManifest({ name: 'deploy.yaml', text }, 'manifests');
const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: apps\n`;

describe('parseManifest', () => {
  it('reads every document as a target named by its source, skipping empty documents', () => {
    const { targets, problems } = parse(`# leading comment\n${configMap('a')}---\n---\n${configMap('b')}---\n`);
    expect(problems).toEqual([]);
    expect(targets.map((t) => `${t.file} ${t.cluster} ${t.object.kind}/${t.object.metadata.name}`)).toEqual(['deploy.yaml manifests ConfigMap/a', 'deploy.yaml manifests ConfigMap/b']);
  });

  it('names the line and column of the first YAML syntax error of a document, without the code frame', () => {
    const { targets, problems } = parse(`${configMap('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n    labels: x\n`);
    expect(targets.map((t) => t.object.metadata.name)).toEqual(['a']);
    expect(problems.map(formatManifestProblem)).toEqual(['deploy.yaml:10:9: YAML: Nested mappings are not allowed in compact mappings']);
  });

  it('names the document and the line it starts on when a document is not a Kubernetes object', () => {
    const { problems } = parse(`${configMap('a')}---\n# a comment first\nkind: ConfigMap\nmetadata: {}\n---\n- just\n- a list\n`);
    expect(problems.map(formatManifestProblem)).toEqual([
      'deploy.yaml:8: document 2 is not a Kubernetes object: it has no apiVersion, metadata.name',
      'deploy.yaml:11: document 3 is not a Kubernetes object: it is a list, not a mapping with apiVersion, kind and metadata.name',
    ]);
  });

  it('says to pass the directory of a kustomization given as a file', () => {
    const { problems } = parse('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n');
    expect(problems.map((p) => p.message)).toEqual([
      'document 1 is not a Kubernetes object: it has no metadata.name; to gate what a kustomization builds, pass its directory',
    ]);
  });

  it('reports an alias without its anchor at the line of its document', () => {
    const { problems } = parse(`${configMap('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: *missing\n`);
    expect(problems.map(formatManifestProblem)).toEqual(['deploy.yaml:7: YAML: document 2: Unresolved alias (the anchor must be set before the alias): missing']);
  });
});
