/** Edit distance between two short strings (names of fields, components, topologies). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The closest known name, when it is close enough to be a likely typo: a known name that
 * contains the input as a word part (`api` → `inference-api`), else one within a small edit
 * distance that is shorter than the input itself (so `db` never "means" `ui`).
 */
export function closestName(input: string, known: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  if (needle.length >= 3) {
    const containing = known.filter((candidate) => candidate.toLowerCase().split(/[-_.]/).includes(needle));
    if (containing.length === 1) return containing[0];
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.min(Math.max(2, Math.floor(input.length / 3)), input.length - 1);
  return bestDistance <= limit ? best : undefined;
}

/** ` Did you mean "x"?` or nothing. */
export function didYouMean(input: string, known: readonly string[]): string {
  const guess = closestName(input, known);
  return guess ? ` Did you mean "${guess}"?` : '';
}
