import { parseAllDocuments } from 'yaml';
import { names, type KubeObject } from '@millwright/platform';
import type { OutputFile } from '../output-file.ts';
import { validateFleetBundle, validateFleetObject } from './fleet-schemas.ts';
import { validateObject } from './validate-object.ts';

/** A problem in the rendered tree: the file and what is wrong with it. */
export interface TreeProblem {
  readonly file: string;
  readonly message: string;
}

/** Parses every YAML document of a file; a syntax error becomes a problem, not an exception. */
export function parseYamlFile(file: OutputFile): { documents: unknown[]; problems: TreeProblem[] } {
  const documents: unknown[] = [];
  const problems: TreeProblem[] = [];
  for (const document of parseAllDocuments(file.content)) {
    for (const error of document.errors) problems.push({ file: file.path, message: `YAML: ${error.message}` });
    const value = document.toJS() as unknown;
    if (value !== null && value !== undefined) documents.push(value);
  }
  return { documents, problems };
}

function isObjectFile(path: string): boolean {
  if (!path.endsWith('.yaml')) return false;
  if (path.endsWith(`/${names.kustomizationFile}`) || path.endsWith(`/${names.fleetBundleFile}`)) return false;
  return !path.includes('/patches/');
}

/** Directories that hold a kustomization.yaml, i.e. that `kubectl kustomize` can build. */
export function kustomizationDirs(files: readonly OutputFile[]): Set<string> {
  const suffix = `/${names.kustomizationFile}`;
  return new Set(files.filter((f) => f.path.endsWith(suffix)).map((f) => f.path.slice(0, -suffix.length)));
}

function normalise(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** An exact chart version: Helm would resolve a range (`^91`, `91.x`) to whatever is newest. */
const exactVersion = /^\d+\.\d+\.\d+$/;

function checkFleetBundle(file: OutputFile, bundle: Record<string, unknown>, buildable: Set<string>): TreeProblem[] {
  const problems = validateFleetBundle(bundle).map((message) => ({ file: file.path, message: `fleet.yaml schema: ${message}` }));
  const helm = bundle['helm'] as { chart?: string; version?: string } | undefined;
  if (helm?.chart !== undefined && !exactVersion.test(helm.version ?? '')) {
    problems.push({ file: file.path, message: `helm chart ${helm.chart} is not pinned to an exact version (got "${helm.version ?? ''}")` });
  }
  const bundleRoot = file.path.slice(0, -`/${names.fleetBundleFile}`.length);
  const targets = (bundle['targetCustomizations'] as { name?: string; kustomize?: { dir?: string } }[] | undefined) ?? [];
  for (const target of targets) {
    const dir = target.kustomize?.dir;
    if (dir === undefined) continue;
    const resolved = dir.startsWith('/') ? undefined : normalise(`${bundleRoot}/${dir}`);
    if (resolved === bundleRoot) {
      problems.push({ file: file.path, message: `target ${target.name}: kustomize.dir "${dir}" is the bundle root, which has no ${names.kustomizationFile}` });
    } else if (!resolved || !resolved.startsWith(`${bundleRoot}/`)) {
      // Fleet cannot read files outside a bundle directory (rancher/fleet#616).
      problems.push({ file: file.path, message: `target ${target.name}: kustomize.dir "${dir}" lies outside the bundle ${bundleRoot}` });
    } else if (!buildable.has(resolved)) {
      problems.push({ file: file.path, message: `target ${target.name}: kustomize.dir "${dir}" has no ${names.kustomizationFile}` });
    }
  }
  return problems;
}

/** One source of an Application: a path in this repository, or a chart of a Helm repository. */
interface ApplicationSource {
  path?: string;
  directory?: unknown;
  chart?: string;
  targetRevision?: string;
}

function checkApplicationSource(files: readonly OutputFile[], file: OutputFile, application: string, source: ApplicationSource, buildable: Set<string>): TreeProblem[] {
  const path = source.path;
  if (source.chart !== undefined) {
    if (exactVersion.test(source.targetRevision ?? '')) return [];
    return [{ file: file.path, message: `Application ${application}: chart ${source.chart} is not pinned to an exact version (got "${source.targetRevision ?? ''}")` }];
  }
  if (path && source.directory !== undefined) {
    if (!files.some((f) => f.path.startsWith(`${path}/`))) return [{ file: file.path, message: `Application ${application}: source directory ${path} holds no files` }];
  } else if (path && !buildable.has(path)) {
    return [{ file: file.path, message: `Application ${application}: source path ${path} has no ${names.kustomizationFile}` }];
  }
  return [];
}

/**
 * Bundles no GitRepo path reaches. Fleet walks each path and makes a bundle of every directory
 * with a fleet.yaml below it (so `k8s/<component>` also yields `k8s/<component>/chart`); a
 * fleet.yaml outside every path would never be deployed.
 */
function unreachableBundles(files: readonly OutputFile[], bundles: Set<string>): TreeProblem[] {
  const gitRepos = files.filter((f) => f.path.startsWith(`${names.fleetRoot}/`) && f.path.endsWith('.yaml'));
  const paths = gitRepos
    .flatMap((f) => parseYamlFile(f).documents as KubeObject[])
    .filter((o) => o?.kind === 'GitRepo')
    .flatMap((o) => ((o['spec'] as { paths?: string[] } | undefined)?.paths ?? []) as string[]);
  if (paths.length === 0) return [];
  return [...bundles]
    .filter((bundle) => !paths.some((path) => bundle === path || bundle.startsWith(`${path}/`)))
    .sort()
    .map((bundle) => ({ file: `${bundle}/${names.fleetBundleFile}`, message: 'no GitRepo path reaches this bundle; Fleet would never deploy it' }));
}

function checkObject(files: readonly OutputFile[], file: OutputFile, object: KubeObject, buildable: Set<string>, bundles: Set<string>): TreeProblem[] {
  if (file.path.startsWith(`${names.fleetRoot}/`)) {
    const problems = validateFleetObject(object).map((message) => ({ file: file.path, message: `${object.kind}: ${message}` }));
    const paths = object.kind === 'GitRepo' ? (((object['spec'] as { paths?: string[] }).paths ?? []) as string[]) : [];
    for (const path of paths) {
      if (!bundles.has(path)) problems.push({ file: file.path, message: `GitRepo path ${path} has no ${names.fleetBundleFile}` });
    }
    return problems;
  }
  const problems = validateObject(object).map((message) => ({ file: file.path, message }));
  if (object.kind === 'Application') {
    const spec = object['spec'] as { source?: ApplicationSource; sources?: ApplicationSource[] };
    for (const source of [...(spec.source ? [spec.source] : []), ...(spec.sources ?? [])]) {
      problems.push(...checkApplicationSource(files, file, object.metadata.name, source, buildable));
    }
  }
  return problems;
}

/**
 * Validates a rendered tree without touching the disk: every file carries the banner, every
 * object passes its schema with no unknown fields, every `fleet.yaml` passes Fleet's schema,
 * points only inside its bundle and lies under a GitRepo path, every Application path and GitRepo
 * path exists, and every Helm chart (Application source or Fleet bundle) is pinned exactly.
 */
export function validateRenderedTree(files: readonly OutputFile[]): TreeProblem[] {
  const buildable = kustomizationDirs(files);
  const bundleSuffix = `/${names.fleetBundleFile}`;
  const bundles = new Set(files.filter((f) => f.path.endsWith(bundleSuffix)).map((f) => f.path.slice(0, -bundleSuffix.length)));
  const problems: TreeProblem[] = [];
  for (const file of files) {
    if (!file.content.startsWith(`${names.banner}\n`)) problems.push({ file: file.path, message: 'missing the generated-file banner' });
    if (!file.path.endsWith('.yaml')) continue;
    const parsed = parseYamlFile(file);
    problems.push(...parsed.problems);
    if (file.path.endsWith(bundleSuffix)) {
      for (const bundle of parsed.documents) problems.push(...checkFleetBundle(file, bundle as Record<string, unknown>, buildable));
    } else if (isObjectFile(file.path)) {
      for (const object of parsed.documents) problems.push(...checkObject(files, file, object as KubeObject, buildable, bundles));
    }
  }
  problems.push(...unreachableBundles(files, bundles));
  return problems;
}
