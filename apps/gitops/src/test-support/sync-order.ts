import { names, overlayDir, syncWaveOrder, type KubeObject, type ResolvedComponent } from '@millwright/platform';
import { parseYamlFile, type OutputFile } from '@millwright/manifests';

/** One built overlay, with the sync wave its component is synced in. */
export interface OverlayInWave {
  readonly component: string;
  readonly wave: number;
  /** `k8s/<component>/overlays/<cluster>` */
  readonly dir: string;
  readonly objects: readonly KubeObject[];
}

/** The component whose overlay makes the namespaces (and their default-deny NetworkPolicies). */
const namespacesComponent = 'namespaces';

/**
 * The overlays `cluster` receives, in the order the delivery engines sync them: by sync wave
 * (namespaces and admission policies, data stores, platform services, apps). Inside a wave Argo
 * CD syncs Applications side by side; here the namespaces come first, since the admission
 * bindings select namespaces by their labels and every workload needs its namespace's
 * default-deny NetworkPolicy, then the rest by name.
 */
export function overlaysInSyncOrder(components: readonly ResolvedComponent[], built: ReadonlyMap<string, readonly KubeObject[]>, cluster: string): OverlayInWave[] {
  return components
    .filter((component) => component.clusters.some((c) => c.name === cluster))
    .map((component) => {
      const dir = overlayDir(component.definition.name, cluster);
      const objects = built.get(dir);
      if (objects === undefined) throw new Error(`${dir} was not built; built: ${[...built.keys()].join(', ')}`);
      return { component: component.definition.name, wave: syncWaveOrder[component.definition.wave], dir, objects };
    })
    .sort(
      (a, b) =>
        a.wave - b.wave ||
        Number(b.component === namespacesComponent) - Number(a.component === namespacesComponent) ||
        a.component.localeCompare(b.component),
    );
}

/** Everything `cluster` receives: the objects of every overlay built for it. */
export function objectsOfCluster(built: ReadonlyMap<string, readonly KubeObject[]>, cluster: string): KubeObject[] {
  return [...built.entries()].filter(([dir]) => dir.endsWith(`/${names.overlaysDir}/${cluster}`)).flatMap(([, objects]) => objects);
}

const waveOf = (object: KubeObject) => Number(object.metadata.annotations?.[names.annotations.syncWave] ?? 0);

/** The objects of one rendered file group, in file order. */
function objectsOf(files: readonly OutputFile[], matches: (path: string) => boolean): KubeObject[] {
  return files
    .filter((file) => matches(file.path) && file.path.endsWith('.yaml'))
    .sort((a, b) => a.path.localeCompare(b.path))
    .flatMap((file) => {
      const parsed = parseYamlFile(file);
      if (parsed.problems.length > 0) throw new Error(`${file.path}: ${parsed.problems.map((p) => p.message).join('; ')}`);
      return parsed.documents as KubeObject[];
    });
}

/** What the management cluster receives, step by step, as the README's deployment sections say. */
export interface ManagementRollout {
  /** `kubectl apply -f bootstrap/root.yaml`: the bootstrap AppProject and the root Application. */
  readonly root: readonly KubeObject[];
  /** What the root Application syncs from `bootstrap/children/`, in sync-wave order (projects, then Applications by wave). */
  readonly children: readonly KubeObject[];
  /** `bootstrap/argocd-cm-patch.yaml`, merged into Argo CD's own `argocd-cm`. */
  readonly argoCdConfigPatch: KubeObject;
  /** `kubectl apply -f fleet/` on the Rancher management cluster. */
  readonly fleet: readonly KubeObject[];
}

/** The rendered `bootstrap/` and `fleet/` objects, in the order they reach the management cluster. */
export function managementRollout(files: readonly OutputFile[]): ManagementRollout {
  const children = objectsOf(files, (path) => path.startsWith(`${names.bootstrapChildren}/`));
  const [argoCdConfigPatch] = objectsOf(files, (path) => path === names.bootstrapArgoCdConfigPatch);
  if (!argoCdConfigPatch) throw new Error(`${names.bootstrapArgoCdConfigPatch} was not rendered`);
  return {
    root: objectsOf(files, (path) => path === names.bootstrapRootApp),
    // A stable sort: inside a wave, file order (projects/ before applications/).
    children: [...children].sort((a, b) => waveOf(a) - waveOf(b)),
    argoCdConfigPatch,
    fleet: objectsOf(files, (path) => path.startsWith(`${names.fleetRoot}/`)),
  };
}

/** Objects as one multi-document stream for `kubectl apply -f -` (JSON is YAML, and exact). */
export function manifestStream(objects: readonly KubeObject[]): string {
  return objects.map((object) => JSON.stringify(object)).join('\n---\n');
}
