/**
 * One rendered container as a lab process: which program, with which arguments and environment,
 * as which user, with which files in place. The container's volumes become folders of the pod
 * (`<podDir>/volumes/<volume>`), its mount paths are rewritten to them everywhere (path-rewrites),
 * and its image becomes the program image-kinds names. Pure: the caller writes the files and starts
 * the process.
 */
import { join } from 'node:path';
import type { LabContainer, LabWorkload } from '../rendered/index.ts';
import { readOwnAppImage } from '../images/own-app-image.ts';
import { imageKind } from './image-kinds.ts';
import { rewriteEnvironment, rewritePaths, type PathRewrite } from './path-rewrites.ts';

/** A file to write before the process starts. */
export interface PodFile {
  readonly path: string;
  readonly bytes: Buffer;
  readonly mode: number;
}

export interface ContainerProcess {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** Folders to create (and hand to the process's user) before it starts. */
  readonly dirs: readonly string[];
  readonly files: readonly PodFile[];
}

export interface ContainerContext {
  readonly workspaceRoot: string;
  /** The platform's image registry (`images.registry`), to recognise its own images. */
  readonly registry: string;
  /** The pod's folder. */
  readonly podDir: string;
  /** The lab CA, which stands in for the image's system trust store. */
  readonly caCert: string;
  /** Programs by name (tests pass their own): mosquitto, sh, redis-server, redis-cli, nginx. */
  readonly program: (name: string) => string;
  /** The Vite build of the UI (the UI image's /usr/share/nginx/html). */
  readonly uiHtmlDir: string;
  /** Image files the lab copies with rewriting (the UI image's nginx.conf and entrypoint). */
  readonly readWorkspaceFile: (relativePath: string) => string;
  /** A folder of the pod with a short path, for Unix sockets (a socket path is limited to 107 bytes). */
  readonly socketDir: string;
}

/**
 * The PATH a container runtime sets when the image sets none (containerd's and Docker's default),
 * so a process finds its programs (psql, sh) as it would in the container.
 */
export const defaultContainerPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Where the container's system CA bundle would be: the lab CA is put in its place. */
const systemCaBundle = '/etc/ssl/certs/ca-certificates.crt';

/** The mount paths of a container, moved into the pod folder. */
export function mountRewrites(container: LabContainer, podDir: string): PathRewrite[] {
  return container.mounts.map((mount) => ({ from: mount.mountPath, to: join(podDir, 'volumes', mount.volume, mount.subPath ?? '') }));
}

function volumeFiles(container: LabContainer, podDir: string, rewrites: readonly PathRewrite[]): PodFile[] {
  return container.mounts.flatMap((mount) => {
    if (mount.content.kind !== 'files') return [];
    const { source } = mount.content;
    return mount.content.files.map((file) => {
      const raw = file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : Buffer.from(file.content, 'utf8');
      // A ConfigMap's configuration names the container's paths; a Secret's bytes are left exactly as they are.
      const bytes = source === 'configMap' && file.encoding === 'utf8' ? Buffer.from(rewritePaths(file.content, rewrites), 'utf8') : raw;
      return { path: join(podDir, 'volumes', mount.volume, file.path), bytes, mode: file.mode };
    });
  });
}

function commandLine(container: LabContainer, fallback: readonly string[] = []): string[] {
  return [...(container.command ?? []), ...(container.args ?? fallback)];
}

/** The process of `container` of `workload`; throws for an image the lab cannot run. */
export function containerProcess(workload: LabWorkload, container: LabContainer, context: ContainerContext): ContainerProcess {
  const rewrites: PathRewrite[] = [...mountRewrites(container, context.podDir), { from: systemCaBundle, to: context.caCert }];
  const dirs = [context.podDir, ...container.mounts.map((mount) => join(context.podDir, 'volumes', mount.volume))];
  const files = volumeFiles(container, context.podDir, rewrites);
  const env = { PATH: defaultContainerPath, ...rewriteEnvironment(container.env, rewrites) };
  const argv = (parts: readonly string[]) => parts.map((part) => rewritePaths(part, rewrites));
  const node = (entry: string, args: readonly string[]) => [process.execPath, '--import', 'tsx', join(context.workspaceRoot, entry), ...args];
  const kind = imageKind(container.image, context.registry);
  const where = `${workload.kind} ${workload.namespace}/${workload.name} container ${container.name}`;
  const base = { cwd: context.workspaceRoot, dirs, files };

  switch (kind.kind) {
    case 'own-node-app': {
      const image = readOwnAppImage(context.workspaceRoot, kind.app);
      if (container.command) throw new Error(`${where}: sets command, which replaces the image's node entrypoint; the lab runs only the image's entrypoint`);
      return { ...base, argv: node(image.entry, argv(container.args ?? image.cmd)), env: { ...rewriteEnvironment(image.env, rewrites), ...env, NODE_EXTRA_CA_CERTS: context.caCert } };
    }
    case 'own-ui': {
      // The image: its entrypoint script writes the runtime files, then runs nginx with its nginx.conf.
      const runtimeDir = join(context.podDir, 'image');
      const imageRewrites = [...rewrites, { from: '/usr/share/nginx/html', to: context.uiHtmlDir }, { from: '/etc/nginx/nginx.conf', to: join(runtimeDir, 'nginx.conf') }, { from: '/usr/local/bin/write-runtime-config.sh', to: join(runtimeDir, 'write-runtime-config.sh') }];
      const imageFile = (name: string, source: string, mode: number): PodFile => ({ path: join(runtimeDir, name), bytes: Buffer.from(rewritePaths(context.readWorkspaceFile(source), imageRewrites), 'utf8'), mode });
      return {
        ...base,
        dirs: [...dirs, runtimeDir],
        files: [...files, imageFile('nginx.conf', 'apps/ui/docker/nginx.conf', 0o644), imageFile('write-runtime-config.sh', 'apps/ui/docker/write-runtime-config.sh', 0o755)],
        argv: [context.program('sh'), join(runtimeDir, 'write-runtime-config.sh'), context.program('nginx'), '-e', 'stderr', '-c', join(runtimeDir, 'nginx.conf'), '-g', 'daemon off;'],
        env,
      };
    }
    case 'postgres': {
      const initdb = container.mounts.find((mount) => mount.mountPath === '/docker-entrypoint-initdb.d');
      return {
        ...base,
        argv: node('apps/lab/src/images/postgres-entrypoint.ts', []),
        env: { ...env, LAB_SOCKET_DIR: context.socketDir, ...(initdb ? { LAB_INITDB_DIR: join(context.podDir, 'volumes', initdb.volume) } : {}) },
        dirs: [...dirs, context.socketDir],
      };
    }
    case 'mosquitto': {
      const parts = commandLine(container);
      if (parts[0] !== '/usr/sbin/mosquitto') throw new Error(`${where}: runs ${JSON.stringify(parts[0])}, not /usr/sbin/mosquitto`);
      return { ...base, argv: [context.program('mosquitto'), ...argv(parts.slice(1))], env };
    }
    case 'valkey': {
      const parts = commandLine(container);
      // valkey-server and valkey-cli are Redis's programs renamed: the lab puts Redis under those names first on PATH.
      const shims = join(context.podDir, 'bin');
      return {
        ...base,
        dirs: [...dirs, shims],
        files: [...files, shim(shims, 'valkey-server', context.program('redis-server')), shim(shims, 'valkey-cli', context.program('redis-cli'))],
        argv: argv(parts).map((part, i) => (i === 0 && part.startsWith('/bin/') ? context.program(part.slice('/bin/'.length)) : part)),
        env: { ...env, PATH: `${shims}:${env.PATH}` },
      };
    }
    case 'mlflow': {
      const line = commandLine(container).join(' ');
      return { ...base, argv: node('apps/lab/src/images/mlflow-entrypoint.ts', [line]), env };
    }
    case 'not-run':
      throw new Error(`${where}: ${kind.reason}`);
  }
}

function shim(dir: string, name: string, target: string): PodFile {
  return { path: join(dir, name), bytes: Buffer.from(`#!/bin/sh\nexec ${target} "$@"\n`), mode: 0o755 };
}
