/** A file a renderer produces: a repository-relative path (POSIX separators) and its text. */
export interface OutputFile {
  readonly path: string;
  readonly content: string;
}

/** Two renderers claimed the same path; the tree would depend on their order, so it is an error. */
export class DuplicatePathError extends Error {
  constructor(readonly path: string) {
    super(`two renderers produced ${path}; every generated path must have exactly one owner`);
    this.name = 'DuplicatePathError';
  }
}

/** Joins the renderers' outputs into one list sorted by path, refusing duplicate paths. */
export function composeFiles(...groups: readonly (readonly OutputFile[])[]): OutputFile[] {
  const byPath = new Map<string, OutputFile>();
  for (const file of groups.flat()) {
    if (byPath.has(file.path)) throw new DuplicatePathError(file.path);
    byPath.set(file.path, file);
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
