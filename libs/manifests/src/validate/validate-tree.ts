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

function checkFleetBundle(file: OutputFile, bundle: Record<string, unknown>, buildable: Set<string>): TreeProblem[] {
  const problems = validateFleetBundle(bundle).map((message) => ({ file: file.path, message: `fleet.yaml schema: ${message}` }));
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
    const source = (object['spec'] as { source?: { path?: string; directory?: unknown } }).source;
    const path = source?.path;
    if (path && source.directory !== undefined) {
      if (!files.some((f) => f.path.startsWith(`${path}/`))) {
        problems.push({ file: file.path, message: `Application ${object.metadata.name}: source directory ${path} holds no files` });
      }
    } else if (path && !buildable.has(path)) {
      problems.push({ file: file.path, message: `Application ${object.metadata.name}: source path ${path} has no ${names.kustomizationFile}` });
    }
  }
  return problems;
}

/**
 * Validates a rendered tree without touching the disk: every file carries the banner, every
 * object passes its schema with no unknown fields, every `fleet.yaml` passes Fleet's schema and
 * points only inside its bundle, every Application path and GitRepo path exists.
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
  return problems;
}
