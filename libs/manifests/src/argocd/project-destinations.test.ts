import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { catalogue, resolvePlatform, type KubeObject } from '@millwright/platform';
import { allTopologies, sampleConfig } from '@millwright/platform/testing';
import { fleetClusterLabels, renderTree } from '@millwright/manifests';

interface Project {
  metadata: { name: string };
  spec: { destinations: { name?: string; server?: string; namespace: string }[] };
}

describe.each(allTopologies)('AppProject destinations (%s)', (topology) => {
  const { files, components } = renderTree(resolvePlatform(sampleConfig(topology), catalogue), catalogue);
  const projects = new Map<string, Project>();
  for (const file of files.filter((f) => f.path.startsWith('bootstrap/children/projects/'))) {
    const project = parse(file.content) as Project;
    projects.set(project.metadata.name, project);
  }

  it('permit every namespace each Application deploys into, on its cluster', () => {
    for (const component of components) {
      const project = projects.get(`millwright-${component.definition.plane}`)!;
      for (const cluster of component.clusters) {
        const objects: KubeObject[] = [...component.objects, ...(component.clusterObjects[cluster.name] ?? [])];
        for (const namespace of new Set(objects.flatMap((o) => (o.metadata.namespace ? [o.metadata.namespace] : [])))) {
          const allowed = project.spec.destinations.some(
            (d) => d.namespace === namespace && ('server' in cluster.destination ? d.server === cluster.destination.server : d.name === cluster.destination.name),
          );
          expect(allowed, `${component.definition.name} on ${cluster.name} into ${namespace}`).toBe(true);
        }
      }
    }
  });

  it('parse as YAML documents without errors', () => {
    for (const file of files.filter((f) => f.path.endsWith('.yaml'))) expect(parseAllDocuments(file.content).flatMap((d) => d.errors)).toEqual([]);
  });
});

describe('fleetClusterLabels', () => {
  it('never lets a config label override the cluster or role Millwright selects by', () => {
    const platform = resolvePlatform(sampleConfig('hybrid'), catalogue);
    const edge = { ...platform.clusters[0]!, labels: { 'millwright.io/role': 'cloud', site: 'plant-a' } };
    expect(fleetClusterLabels(edge)).toEqual({ site: 'plant-a', 'millwright.io/cluster': 'edge-1', 'millwright.io/role': 'edge' });
  });
});
