/**
 * Everything found wrong while turning rendered objects into what the lab runs, reported at once:
 * the lab must never start a process with an environment or a route that differs from what the
 * cluster would give it, so each problem stops the build of the lab rather than being dropped.
 */
export class RenderedObjectsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`${problems.length === 1 ? 'one problem' : `${problems.length} problems`} in the rendered objects:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
    this.name = 'RenderedObjectsError';
  }
}

/** Throws a `RenderedObjectsError` when `problems` is not empty. */
export function throwIfProblems(problems: readonly string[]): void {
  if (problems.length > 0) throw new RenderedObjectsError(problems);
}
