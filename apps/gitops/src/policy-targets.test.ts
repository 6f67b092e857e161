import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@millwright/platform';
import { collectPolicyTargets } from './policy-targets.ts';

const deployment: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'ui', namespace: 'millwright-it' } };

describe('collectPolicyTargets', () => {
  it('takes built objects per overlay with its cluster, then bootstrap/ and fleet/ objects with their root', () => {
    const files = [
      { path: 'bootstrap/root.yaml', content: '# banner\napiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: p\n---\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: a\n' },
      { path: 'fleet/gitrepo.yaml', content: 'apiVersion: fleet.cattle.io/v1alpha1\nkind: GitRepo\nmetadata:\n  name: g\n' },
      { path: 'k8s/ui/fleet.yaml', content: 'defaultNamespace: x\n' },
      { path: 'k8s/ui/base/deployment-ui.yaml', content: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: unbuilt\n' },
    ];
    const { targets, problems } = collectPolicyTargets(files, new Map([['k8s/ui/overlays/core', [deployment]]]));
    expect(problems).toEqual([]);
    expect(targets.map((t) => `${t.file} ${t.cluster} ${t.object.kind}/${t.object.metadata.name}`)).toEqual([
      'k8s/ui/overlays/core core Deployment/ui',
      'bootstrap/root.yaml bootstrap AppProject/p',
      'bootstrap/root.yaml bootstrap Application/a',
      'fleet/gitrepo.yaml fleet GitRepo/g',
    ]);
  });

  it('reports a document under bootstrap/ that is not a Kubernetes object', () => {
    const { problems } = collectPolicyTargets([{ path: 'bootstrap/odd.yaml', content: 'just: data\n' }], new Map());
    expect(problems).toEqual([{ file: 'bootstrap/odd.yaml', message: 'document 1 is not a Kubernetes object (apiVersion, kind, metadata.name)' }]);
  });
});
