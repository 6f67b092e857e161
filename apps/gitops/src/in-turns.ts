/**
 * Runs `task` over `items` with at most `concurrency` in flight (each task is typically a child
 * process: a kustomize build, a kubectl apply), and returns the results in the order of `items`.
 */
export async function inTurns<T, R>(items: readonly T[], task: (item: T) => Promise<R>, concurrency: number): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
