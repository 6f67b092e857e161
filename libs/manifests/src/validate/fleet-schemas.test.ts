import { describe, expect, it } from 'vitest';
import { catalogue, resolvePlatform } from '@millwright/platform';
import { sampleConfig } from '@millwright/platform/testing';
import { parseYamlFile, renderTree, validateFleetBundle, validateFleetObject } from '@millwright/manifests';

const { files } = renderTree(resolvePlatform(sampleConfig('hybrid'), catalogue), catalogue);
const documentsAt = (path: string) => parseYamlFile(files.find((f) => f.path === path)!).documents as Record<string, unknown>[];
const bundle = documentsAt('k8s/inference-api/fleet.yaml')[0]!;

describe('validateFleetBundle', () => {
  it('accepts a rendered fleet.yaml', () => {
    expect(validateFleetBundle(bundle)).toEqual([]);
  });

  it('rejects targetCustomisations, naming the misspelt field', () => {
    const { targetCustomizations, ...rest } = bundle;
    expect(validateFleetBundle({ ...rest, targetCustomisations: targetCustomizations })).toEqual(['(root): unknown field "targetCustomisations"']);
  });

  it('rejects correctDrift: {enable: true}, naming the field and where it is', () => {
    expect(validateFleetBundle({ ...bundle, correctDrift: { enable: true } })).toEqual(['/correctDrift: unknown field "enable"']);
  });

  it('rejects a doNotDeploy that is not a boolean, naming the target', () => {
    const targets = [{ name: 'edge-1', clusterSelector: {}, doNotDeploy: 'yes' }];
    expect(validateFleetBundle({ ...bundle, targetCustomizations: targets })).toEqual(['/targetCustomizations/0/doNotDeploy: must be boolean']);
  });
});

describe('validateFleetObject', () => {
  it('accepts the rendered GitRepo and ClusterGroups', () => {
    for (const object of [...documentsAt('fleet/gitrepo.yaml'), ...documentsAt('fleet/clustergroups.yaml')]) {
      expect(validateFleetObject(object)).toEqual([]);
    }
  });

  it('rejects a misspelt GitRepo field', () => {
    const [gitRepo] = documentsAt('fleet/gitrepo.yaml') as [{ kind: string; spec: Record<string, unknown> }];
    const { paths, ...spec } = gitRepo.spec;
    const misspelt = { ...gitRepo, spec: { ...spec, pahts: paths } };
    expect(validateFleetObject(misspelt)).toContain('/spec: unknown field "pahts"');
  });

  it('refuses a kind it has no schema for, fleet.yaml included', () => {
    expect(validateFleetObject({ kind: 'Bundle' })).toEqual(['no schema for Fleet kind Bundle']);
    expect(validateFleetObject({ kind: 'fleet.yaml' })).toEqual(['no schema for Fleet kind fleet.yaml']);
    expect(validateFleetObject({})).toEqual(['no schema for Fleet kind undefined']);
  });
});
