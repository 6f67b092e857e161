import { describe, expect, it } from 'vitest';
import { catalogue, resolvePlatform, type KubeObject } from '@millwright/platform';
import { allTopologies, sampleConfig } from '@millwright/platform/testing';
import { clusterGroupName, parseYamlFile, renderTree, validateFleetObject, type OutputFile } from '@millwright/manifests';

interface GitRepo extends KubeObject {
  spec: { repo: string; branch: string; paths: string[]; targets: { name: string; clusterGroup: string }[] };
}

interface ClusterGroup extends KubeObject {
  spec: { selector: { matchLabels: Record<string, string> } };
}

const documentsOf = (files: readonly OutputFile[], path: string) => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`the tree has no ${path}`);
  return parseYamlFile(file).documents as KubeObject[];
};

const rolesInUse = { 'edge-only': ['edge'], hybrid: ['edge', 'cloud'], 'cloud-only': ['cloud'] } as const;

describe.each(allTopologies)('fleet/ under %s', (topology) => {
  const platform = resolvePlatform(sampleConfig(topology), catalogue);
  const { files, components } = renderTree(platform, catalogue);
  const [gitRepo] = documentsOf(files, 'fleet/gitrepo.yaml') as [GitRepo];
  const groups = documentsOf(files, 'fleet/clustergroups.yaml') as ClusterGroup[];

  it('lists every bundle path in the GitRepo, each a directory with a fleet.yaml', () => {
    expect(gitRepo.spec.paths).toEqual(components.map((c) => `k8s/${c.definition.name}`));
    for (const path of gitRepo.spec.paths) expect(files.some((f) => f.path === `${path}/fleet.yaml`), path).toBe(true);
  });

  it('renders one ClusterGroup per role in use, selecting clusters by their role label', () => {
    expect(groups.map((g) => [g.metadata.name, g.spec.selector.matchLabels])).toEqual(
      rolesInUse[topology].map((role) => [clusterGroupName(platform, role), { 'millwright.io/role': role }]),
    );
  });

  it('targets the GitRepo at exactly those ClusterGroups', () => {
    expect(gitRepo.spec.targets).toEqual(rolesInUse[topology].map((role) => ({ name: role, clusterGroup: `millwright-${role}` })));
  });

  it('puts the GitRepo and ClusterGroups in fleet-default, and each passes its schema', () => {
    for (const object of [gitRepo, ...groups]) {
      expect(object.metadata.namespace, object.kind).toBe('fleet-default');
      expect(validateFleetObject(object), object.kind).toEqual([]);
    }
  });
});

describe('fleet/gitrepo.yaml', () => {
  it('pulls the repository and branch the config names', () => {
    const config = { ...sampleConfig('hybrid'), git: { repoURL: 'git@example.com:plant/gitops.git', revision: 'release-1' } };
    const { files } = renderTree(resolvePlatform(config, catalogue), catalogue);
    const [gitRepo] = documentsOf(files, 'fleet/gitrepo.yaml') as [GitRepo];
    expect([gitRepo.spec.repo, gitRepo.spec.branch]).toEqual(['git@example.com:plant/gitops.git', 'release-1']);
  });
});
