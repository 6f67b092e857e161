import { LineCounter, parseAllDocuments } from 'yaml';
import type { KubeObject } from '@millwright/platform';
import type { PolicyTarget } from '@millwright/policy';

/** Manifest text to gate, and the name reports give it: a file, a kustomization directory, or `<stdin>`. */
export interface ManifestSource {
  readonly name: string;
  readonly text: string;
}

/** Why a manifest input could not be gated, and where: the file and, when known, the line and column. */
export interface ManifestProblem {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** `file:line:column: message`, as compilers and editors expect it (line and column when known). */
export function formatManifestProblem(problem: ManifestProblem): string {
  const position = [problem.file, problem.line, problem.column].filter((part) => part !== undefined).join(':');
  return `${position}: ${problem.message}`;
}

/** Why a document is not an object the gate can name and match, or undefined when it is one. */
function notAnObject(document: unknown): string | undefined {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    const shape = Array.isArray(document) ? 'a list' : `a ${typeof document}`;
    return `it is ${shape}, not a mapping with apiVersion, kind and metadata.name`;
  }
  const candidate = document as Partial<KubeObject>;
  const missing = [
    ...(typeof candidate.apiVersion === 'string' ? [] : ['apiVersion']),
    ...(typeof candidate.kind === 'string' ? [] : ['kind']),
    ...(typeof candidate.metadata?.name === 'string' ? [] : ['metadata.name']),
  ];
  if (missing.length === 0) return undefined;
  // A kustomization given as a file is a common slip: its directory is what builds.
  const hint = candidate.kind === 'Kustomization' ? '; to gate what a kustomization builds, pass its directory' : '';
  return `it has no ${missing.join(', ')}${hint}`;
}

/** yaml's messages end in ` at line L, column C:` and a code frame; the position is given apart. */
function firstLineWithoutPosition(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Reads every YAML document of one manifest source as an object to test, in the given cluster
 * group. A syntax error becomes a problem at its line and column (the first of its document); a
 * document that is not a Kubernetes object, a problem at the line it starts on, with its number
 * in the stream (empty documents, e.g. after a trailing `---`, are skipped as kubectl does). Pure.
 */
export function parseManifest(source: ManifestSource, cluster: string): { targets: PolicyTarget[]; problems: ManifestProblem[] } {
  const lineCounter = new LineCounter();
  const targets: PolicyTarget[] = [];
  const problems: ManifestProblem[] = [];
  parseAllDocuments(source.text, { lineCounter }).forEach((document, index) => {
    // One mistake often yields several errors in a row; the first names it.
    const [error] = document.errors;
    if (error) {
      const { line, col } = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
      problems.push({ file: source.name, line, column: col, message: `YAML: ${firstLineWithoutPosition(error.message)}` });
      return;
    }
    const { line } = lineCounter.linePos(document.contents?.range[0] ?? document.range[0]);
    let value: unknown;
    try {
      value = document.toJS();
    } catch (error) {
      // e.g. an alias to an anchor that is not defined, or too many aliases (a "billion laughs").
      problems.push({ file: source.name, line, message: `YAML: document ${index + 1}: ${firstLineWithoutPosition((error as Error).message)}` });
      return;
    }
    if (value === null || value === undefined) return;
    const reason = notAnObject(value);
    if (reason !== undefined) {
      problems.push({ file: source.name, line, message: `document ${index + 1} is not a Kubernetes object: ${reason}` });
      return;
    }
    targets.push({ object: value as KubeObject, file: source.name, cluster });
  });
  return { targets, problems };
}
