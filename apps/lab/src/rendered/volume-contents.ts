import type { IContainer, IPersistentVolumeClaim, IVolume } from 'kubernetes-models/v1';
import type { DataSources, KeyedData } from './data-sources.ts';
import type { LabFile, LabMount, LabVolume } from './lab-workload.ts';

/** The mode the kubelet gives projected files when neither the item nor the volume sets one. */
const defaultFileMode = 0o644;

export interface VolumeContext {
  readonly sources: DataSources;
  readonly namespace: string;
  readonly cluster: string;
  readonly claimTemplates: readonly IPersistentVolumeClaim[];
  readonly where: string;
}

interface ProjectedSource {
  readonly items?: readonly { key: string; path: string; mode?: number }[];
  readonly defaultMode?: number;
  readonly optional?: boolean;
}

/**
 * The files of a ConfigMap or Secret volume: every key under its own name, or only the listed
 * `items` at their paths. A missing object or item key is an error unless the volume is optional
 * (then the kubelet mounts what exists: nothing, or the items found).
 */
function projectedFiles(kind: 'ConfigMap' | 'Secret', name: string, source: ProjectedSource, data: KeyedData | undefined, context: VolumeContext, problems: string[]): LabFile[] {
  const mode = source.defaultMode ?? defaultFileMode;
  if (!data) {
    if (!source.optional) problems.push(`${context.where}: ${kind} ${context.namespace}/${name} (a volume) does not exist on cluster ${context.cluster}; add it, or mark the volume optional: true`);
    return [];
  }
  if (!source.items) return Object.entries(data).map(([key, entry]) => ({ path: key, content: entry.value, encoding: entry.encoding, mode }));
  return source.items.flatMap((item) => {
    const entry = data[item.key];
    if (!entry) {
      if (!source.optional) problems.push(`${context.where}: ${kind} ${context.namespace}/${name} has no key "${item.key}" that its volume lists; add the key or remove the item`);
      return [];
    }
    return [{ path: item.path, content: entry.value, encoding: entry.encoding, mode: item.mode ?? mode }];
  });
}

function volumeContent(volume: IVolume, context: VolumeContext, problems: string[]): LabVolume | undefined {
  if (volume.configMap) {
    const name = volume.configMap.name ?? '';
    return { kind: 'files', source: 'configMap', name, files: projectedFiles('ConfigMap', name, volume.configMap, context.sources.configMap(context.namespace, name), context, problems) };
  }
  if (volume.secret) {
    const name = volume.secret.secretName ?? '';
    return { kind: 'files', source: 'secret', name, files: projectedFiles('Secret', name, volume.secret, context.sources.secret(context.namespace, name), context, problems) };
  }
  if (volume.emptyDir) {
    const sizeLimit = volume.emptyDir.sizeLimit;
    return { kind: 'scratch', ...(volume.emptyDir.medium ? { medium: volume.emptyDir.medium } : {}), ...(sizeLimit !== undefined ? { sizeLimit: String(sizeLimit) } : {}) };
  }
  if (volume.persistentVolumeClaim) return { kind: 'persistent', claimName: volume.persistentVolumeClaim.claimName, perReplica: false };
  const type = Object.keys(volume).filter((key) => key !== 'name').join(', ') || 'no source';
  problems.push(`${context.where}: volume "${volume.name}" is of type ${type}, which the lab does not support (supported: configMap, secret, emptyDir, persistentVolumeClaim, volumeClaimTemplates)`);
  return undefined;
}

function claimTemplateContent(template: IPersistentVolumeClaim): LabVolume {
  const size = template.spec?.resources?.requests?.['storage'];
  return { kind: 'persistent', claimName: template.metadata?.name ?? '', perReplica: true, ...(size !== undefined ? { size: String(size) } : {}) };
}

/** Every mount of `container` with what its volume holds; a mount of an undeclared volume is a problem. */
export function containerMounts(container: IContainer, volumes: readonly IVolume[], context: VolumeContext, problems: string[]): LabMount[] {
  return (container.volumeMounts ?? []).flatMap((mount) => {
    const where = `${context.where}, volumeMount ${mount.mountPath}`;
    if (mount.subPathExpr !== undefined) {
      problems.push(`${where}: subPathExpr is not supported by the lab; use subPath`);
      return [];
    }
    const volume = volumes.find((candidate) => candidate.name === mount.name);
    const template = context.claimTemplates.find((candidate) => candidate.metadata?.name === mount.name);
    const content = volume ? volumeContent(volume, { ...context, where: `${context.where}, volume ${mount.name}` }, problems) : template ? claimTemplateContent(template) : undefined;
    if (!volume && !template) problems.push(`${where}: no volume or volumeClaimTemplate is named "${mount.name}"`);
    if (!content) return [];
    return [{ volume: mount.name, mountPath: mount.mountPath, readOnly: mount.readOnly ?? false, ...(mount.subPath ? { subPath: mount.subPath } : {}), content }];
  });
}
