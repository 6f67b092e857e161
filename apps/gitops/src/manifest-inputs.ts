import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { text } from 'node:stream/consumers';
import { names } from '@millwright/platform';
import { kustomizeBuild } from './kustomize.ts';
import type { ManifestProblem, ManifestSource } from './manifest-documents.ts';

/** The path argument that means standard input, as conftest and kubectl spell it. */
export const standardInputPath = '-';

/** How reports name what came from standard input. */
export const standardInputName = '<stdin>';

/**
 * The file names kustomize recognises as a kustomization, in its order of preference.
 * @see https://github.com/kubernetes-sigs/kustomize/blob/master/api/konfig/general.go (RecognizedKustomizationFileNames)
 */
const kustomizationFileNames = [names.kustomizationFile, 'kustomization.yml', 'Kustomization'];

const isManifestFile = (name: string) => name.endsWith('.yaml') || name.endsWith('.yml');

/**
 * Every `*.yaml` and `*.yml` file under a directory, sorted, recursively. Hidden entries and
 * `node_modules` are passed over: a gate pointed at a checkout must not test Git internals or the
 * YAML that packages ship.
 */
function manifestFilesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    if (entry.startsWith('.') || entry === 'node_modules') continue;
    const path = join(dir, entry);
    const stats = statSync(path);
    if (stats.isDirectory()) found.push(...manifestFilesUnder(path));
    else if (stats.isFile() && isManifestFile(entry)) found.push(path);
  }
  return found;
}

/** What the inputs hold, and what kept some of them from being read. */
export interface ManifestInputs {
  readonly sources: ManifestSource[];
  readonly problems: ManifestProblem[];
}

/** Reads standard input to its end; refuses a terminal, where nobody would ever type the manifests. */
async function readStandardInput(): Promise<string | ManifestProblem> {
  if (process.stdin.isTTY) {
    return { file: standardInputName, message: `"${standardInputPath}" reads manifests from standard input, but it is a terminal; pipe them in (e.g. kubectl kustomize <dir> | npm run policy -- -)` };
  }
  return text(process.stdin);
}

/**
 * Reads the `policy` command's path arguments: `-` is standard input; a file is read; a directory
 * holding a kustomization is built with `kubectl kustomize` (as Argo CD and Fleet would) and
 * named by the directory; any other directory contributes its YAML files, recursively. A path
 * that does not exist, a failed build or a directory without YAML is a problem naming the path.
 *
 * @param readStdin standard input's text (or why it cannot be read); tests pass their own.
 */
export async function readManifestInputs(
  paths: readonly string[],
  readStdin: () => Promise<string | ManifestProblem> = readStandardInput,
): Promise<ManifestInputs> {
  const sources: ManifestSource[] = [];
  const problems: ManifestProblem[] = [];
  if (paths.filter((path) => path === standardInputPath).length > 1) {
    problems.push({ file: standardInputName, message: `"${standardInputPath}" is given more than once; standard input can be read only once` });
    return { sources, problems };
  }
  for (const path of paths) {
    if (path === standardInputPath) {
      const read = await readStdin();
      if (typeof read === 'string') sources.push({ name: standardInputName, text: read });
      else problems.push(read);
      continue;
    }
    const name = normalize(path).replace(/(.)\/$/, '$1');
    let stats;
    try {
      stats = statSync(path);
    } catch {
      problems.push({ file: name, message: 'no such file or directory' });
      continue;
    }
    if (!stats.isDirectory()) {
      sources.push({ name, text: readFileSync(path, 'utf8') });
      continue;
    }
    if (kustomizationFileNames.some((file) => statSync(join(path, file), { throwIfNoEntry: false })?.isFile())) {
      const build = await kustomizeBuild(path);
      if (build.error !== undefined) problems.push({ file: name, message: `kubectl kustomize failed: ${build.error}` });
      else sources.push({ name, text: build.output ?? '' });
      continue;
    }
    const files = manifestFilesUnder(path);
    if (files.length === 0) problems.push({ file: name, message: 'holds no kustomization and no .yaml or .yml file' });
    for (const file of files) sources.push({ name: file, text: readFileSync(file, 'utf8') });
  }
  return { sources, problems };
}
