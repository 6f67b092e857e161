/**
 * `npm run lab -- up`: the platform as the rendered tree wires it, in network namespaces, with the
 * WAN proxy as the only way between the sites. Reads the built overlays of every cluster, makes the
 * Secrets the secrets script would, starts every workload it can run with its rendered environment
 * under a kubelet-like supervisor, the Traefik stand-ins per cluster, and trains a first model when
 * the registry has none.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue, requiredSecrets, type KubeObject, type Platform, type Topology } from '@millwright/platform';
import { renderTree, type OutputFile } from '@millwright/manifests';
import { systemProgram } from '@millwright/test-servers';
import { startWanProxy, type WanProxy, type WanRoute } from '@millwright/wan-proxy';
import { labIngressRoutes } from '../ingress/index.ts';
import { createLab, defaultLabSites, type Lab, type LabPod } from '../network/index.ts';
import { buildClusterObjects, labSecretValues, labServices, labWorkloads, writeRenderedTree, type LabSecrets } from '../rendered/index.ts';
import { makeLabCa, type LabCa } from '../runtime/lab-ca.ts';
import { createSupervisor, type BackOffPolicy, type Supervisor } from '../supervisor/index.ts';
import { ingressProcesses, websecurePort } from './ingress-processes.ts';
import { ingressHosts, planLayout, siteNames, type LabCluster, type LabLayout } from './lab-layout.ts';
import { loadLabPlatform } from './lab-platform.ts';
import { hostPostgresUser, workloadProcesses } from './pod-processes.ts';
import { uiBuildDir } from './ui-build.ts';

export interface PlatformLabOptions {
  readonly workspaceRoot: string;
  /** @default the config's own */
  readonly topology?: Topology;
  /** Where the lab keeps its files (pods, logs, CA). */
  readonly stateDir: string;
  /** Prefix of every namespace and link. @default 'mwl' */
  readonly prefix?: string;
  /** Subnets of the sites. @default 10.213.1.0/24 (edge), 10.213.2.0/24 (cloud) */
  readonly subnets?: Readonly<Record<'edge' | 'cloud', string>>;
  readonly backOff?: Partial<BackOffPolicy>;
  readonly log: (line: string) => void;
}

export interface PlatformLab {
  readonly platform: Platform;
  readonly topology: Topology;
  readonly layout: LabLayout;
  readonly clusters: readonly LabCluster[];
  readonly objects: ReadonlyMap<string, readonly KubeObject[]>;
  readonly lab: Lab;
  readonly pods: ReadonlyMap<string, LabPod>;
  readonly supervisor: Supervisor;
  readonly wan: WanProxy | undefined;
  readonly ca: LabCa;
  readonly secrets: LabSecrets;
  readonly workspaceRoot: string;
  readonly stateDir: string;
  /** `site/pod` → address. */
  address(site: 'edge' | 'cloud', pod: string): string | undefined;
  /** The ingress address of the cluster with `role`. */
  ingressAddress(role: 'edge' | 'cloud'): string | undefined;
  stop(): Promise<void>;
}

/** The built objects of every cluster: the committed tree in the config's own topology, else `files` (its render) written out first. */
async function clusterObjects(platform: Platform, files: readonly OutputFile[] | undefined, workspaceRoot: string, stateDir: string): Promise<Map<string, KubeObject[]>> {
  let root = workspaceRoot;
  if (files) {
    root = join(stateDir, 'tree');
    rmSync(root, { recursive: true, force: true });
    writeRenderedTree(root, files);
  }
  const built = new Map<string, KubeObject[]>();
  for (const cluster of platform.clusters) built.set(cluster.name, await buildClusterObjects(root, cluster.name));
  return built;
}

/** The WAN link: on each site's gateway, port 443 leads to the other site's ingress. */
function wanRoutes(lab: Lab, layout: LabLayout, ingressOf: (site: 'edge' | 'cloud') => string | undefined): WanRoute[] {
  const routes: WanRoute[] = [];
  for (const site of lab.sites) {
    for (const far of layout.sites) {
      const upstream = far === site.name ? undefined : ingressOf(far);
      if (upstream) routes.push({ name: `${site.name}-to-${far}-ingress`, listen: { host: site.gateway, port: websecurePort }, upstream: { host: upstream, port: websecurePort } });
    }
  }
  return routes;
}

/** Starts the lab; on any failure, removes what it had made before rethrowing. */
export async function startPlatformLab(options: PlatformLabOptions): Promise<PlatformLab> {
  const { workspaceRoot, stateDir, log } = options;
  const { platform, committedTree } = await loadLabPlatform(workspaceRoot, options.topology);
  log(`platform ${platform.name}, ${platform.topology}: reading ${committedTree ? 'the committed tree (k8s/)' : 'a fresh render of platform.config.ts in this topology'}`);
  mkdirSync(stateDir, { recursive: true });
  // One render: its components name the Secrets; its files are read only outside the config's own topology.
  const rendered = renderTree(platform, catalogue);
  const objects = await clusterObjects(platform, committedTree ? undefined : rendered.files, workspaceRoot, stateDir);
  const components = rendered.components;
  const secrets = labSecretValues(requiredSecrets(platform, components));
  const clusters: LabCluster[] = platform.clusters.map((cluster) => {
    const clusterObjects = objects.get(cluster.name) ?? [];
    const workloads = labWorkloads(clusterObjects, secrets.values, { cluster: cluster.name });
    return { name: cluster.name, role: cluster.role, workloads, services: labServices(clusterObjects, workloads), routes: labIngressRoutes(clusterObjects, secrets.values, { cluster: cluster.name }) };
  });
  const layout = planLayout(clusters, platform.images.registry);
  const subnets = options.subnets ?? Object.fromEntries(defaultLabSites.map((site) => [site.name, site.subnet]));
  const lab = await createLab({ prefix: options.prefix, sites: layout.sites.map((name) => ({ name, subnet: subnets[name]! })) });
  const supervisor = createSupervisor({ backOff: options.backOff });
  let wan: WanProxy | undefined;
  // Unix sockets need short paths (107 bytes at most): they live under /run, not in the state folder.
  const socketRoot = join('/run', `millwright-lab-${lab.prefix}`);
  const stop = async () => {
    await supervisor.stopAll();
    await wan?.close();
    await lab.destroy();
    rmSync(socketRoot, { recursive: true, force: true });
  };
  try {
    const pods = new Map<string, LabPod>();
    for (const planned of layout.pods) pods.set(`${planned.site}/${planned.name}`, await lab.addPod(planned.site, planned.name));
    const address = (site: 'edge' | 'cloud', pod: string) => pods.get(`${site}/${pod}`)?.address;
    for (const site of lab.sites) {
      const names = siteNames(site.name as 'edge' | 'cloud', clusters, address, site.gateway);
      for (const planned of layout.pods.filter((p) => p.site === site.name)) await lab.setNames(site.name, planned.name, names);
    }
    const ca = makeLabCa(join(stateDir, 'ca'), clusters.flatMap(ingressHosts));
    const ingressOf = (site: 'edge' | 'cloud') => (clusters.some((c) => c.role === site) ? address(site, layout.ingressPod) : undefined);
    const routes = wanRoutes(lab, layout, ingressOf);
    if (routes.length > 0) wan = await startWanProxy({ routes });

    // A new lab, new logs: the pods' folders are made afresh too.
    const logDir = join(stateDir, 'logs');
    rmSync(logDir, { recursive: true, force: true });
    mkdirSync(logDir, { recursive: true });
    const uiHtmlDir = uiBuildDir(workspaceRoot);
    const postgresUser = hostPostgresUser();
    for (const planned of layout.pods) {
      const pod = pods.get(`${planned.site}/${planned.name}`)!;
      const podDir = join(stateDir, 'pods', planned.site, planned.name);
      rmSync(podDir, { recursive: true, force: true });
      mkdirSync(podDir, { recursive: true });
      const cluster = clusters.find((c) => c.name === planned.cluster);
      if (planned.role === 'ingress' && cluster) {
        for (const spec of ingressProcesses({ lab, pod, cluster, podDir, logDir, ca, workspaceRoot, addressOf: (workload) => address(planned.site, workload) })) supervisor.supervise(spec);
      }
      if (planned.role === 'workload' && planned.workload && cluster) {
        const specs = workloadProcesses(planned.workload, {
          lab,
          pod,
          podDir,
          logDir,
          postgresUser,
          workspaceRoot,
          registry: platform.images.registry,
          caCert: ca.caCert,
          program: (name) => (name === 'sh' ? '/bin/sh' : systemProgram(name)),
          uiHtmlDir,
          socketDir: join(socketRoot, `${planned.site}-${planned.name}`),
          readWorkspaceFile: (path) => readFileSync(join(workspaceRoot, path), 'utf8'),
        });
        for (const spec of specs) supervisor.supervise(spec);
      }
    }
    log(`started ${supervisor.status().length} processes in ${layout.pods.length} pods; ${layout.notRun.length} workloads not run here`);
    return {
      platform,
      topology: platform.topology,
      layout,
      clusters,
      objects,
      lab,
      pods,
      supervisor,
      wan,
      ca,
      secrets,
      workspaceRoot,
      stateDir,
      address,
      ingressAddress: (role) => ingressOf(role),
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
