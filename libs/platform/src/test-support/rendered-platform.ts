import type { IContainer, IPodSpec } from 'kubernetes-models/v1';
import { buildPlatform, type ResolvedComponent } from '../model/build-component.ts';
import type { PlatformConfig } from '../config/config-schema.ts';
import { resolvePlatform } from '../config/resolve-platform.ts';
import { catalogue } from '../components/catalogue.ts';
import type { KubeObject } from '../kube/kube-object.ts';
import type { Topology } from '../model/types.ts';
import { sampleConfig } from './sample-configs.ts';

/** The real catalogue built for a topology's sample config, after `changes` to that config. */
export function buildSample(topology: Topology, changes: Partial<PlatformConfig> = {}): ResolvedComponent[] {
  return buildPlatform(resolvePlatform({ ...sampleConfig(topology), ...changes }, catalogue), catalogue);
}

/** A built component by name; throws when it is not deployed, so a test fails with the reason. */
export function componentNamed(built: readonly ResolvedComponent[], name: string): ResolvedComponent {
  const found = built.find((component) => component.definition.name === name);
  if (!found) throw new Error(`component ${name} is not deployed; deployed: ${built.map((c) => c.definition.name).join(', ')}`);
  return found;
}

/** Everything one component renders: its base objects and every cluster's own objects. */
export function renderedObjects(component: ResolvedComponent): KubeObject[] {
  return [...component.objects, ...Object.values(component.clusterObjects).flat()];
}

/** The pod spec of a workload (Deployment, StatefulSet, Job); undefined for every other kind. */
export function podSpecOf(object: KubeObject): IPodSpec | undefined {
  const spec = object['spec'] as { template?: { spec?: IPodSpec } } | undefined;
  return spec?.template?.spec;
}

/** Init containers and containers of a workload's pod. */
export function containersOf(object: KubeObject): IContainer[] {
  const pod = podSpecOf(object);
  return pod ? [...(pod.initContainers ?? []), ...pod.containers] : [];
}
