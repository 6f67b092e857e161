import type { ComponentDefinition } from './types.ts';

/**
 * Checks the component catalogue itself (a developer's mistake, not a user's): unique names,
 * known dependencies, flows and TCP routes to existing ports, pinned images and chart versions. Returns one message per problem.
 */
export function catalogueProblems(catalogue: readonly ComponentDefinition[]): string[] {
  const problems: string[] = [];
  const byName = new Map<string, ComponentDefinition>();
  for (const component of catalogue) {
    if (byName.has(component.name)) problems.push(`${component.name}: defined twice`);
    byName.set(component.name, component);
  }
  for (const component of catalogue) {
    for (const dependency of component.dependsOn) {
      if (!byName.has(dependency)) problems.push(`${component.name}: depends on unknown component "${dependency}"`);
      if (dependency === component.name) problems.push(`${component.name}: depends on itself`);
    }
    for (const flow of component.flows) {
      const target = byName.get(flow.to);
      if (!target) problems.push(`${component.name}: flow to unknown component "${flow.to}"`);
      else if (!target.ports.some((p) => p.name === flow.port)) {
        problems.push(`${component.name}: flow to ${flow.to} port "${flow.port}", which ${flow.to} does not serve`);
      }
    }
    const tcpPort = component.tcpIngress?.port;
    if (tcpPort !== undefined && !component.ports.some((p) => p.name === tcpPort)) {
      problems.push(`${component.name}: tcpIngress names port "${tcpPort}", which ${component.name} does not serve`);
    }
    for (const [key, image] of Object.entries(component.images)) {
      if (image === 'own') continue;
      if (!image.tag || image.tag === 'latest') problems.push(`${component.name}: image ${key} (${image.repository}) is not pinned to a version tag`);
    }
    const helm = component.helm;
    if (helm && !/^\d+\.\d+\.\d+$/.test(helm.version)) {
      problems.push(`${component.name}: chart ${helm.chart} version "${helm.version}" is not an exact version (x.y.z)`);
    }
    if (helm && !helm.repoURL.startsWith('https://')) problems.push(`${component.name}: chart repository ${helm.repoURL} is not an https:// URL`);
  }
  return problems;
}
