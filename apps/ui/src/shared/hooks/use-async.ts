import { useCallback, useEffect, useState } from 'react';

/** The state of one asynchronous load. */
export type AsyncState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: Error }
  | { readonly status: 'ready'; readonly value: T };

/**
 * Runs `load` on mount and whenever `retry` is called; a load that is superseded or unmounted is
 * aborted and its answer dropped. `load` must be stable (useCallback) or the effect reruns.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>): AsyncState<T> & { retry: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (value) => !controller.signal.aborted && setState({ status: 'ready', value }),
      (error: unknown) => !controller.signal.aborted && setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => controller.abort();
  }, [load, attempt]);

  const retry = useCallback(() => setAttempt((count) => count + 1), []);
  return { ...state, retry };
}
