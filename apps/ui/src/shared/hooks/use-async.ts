import { useCallback, useEffect, useState } from 'react';

/** The state of one asynchronous load. */
export type AsyncState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: Error }
  | { readonly status: 'ready'; readonly value: T };

/** Options of {@link useAsync}. */
export interface AsyncOptions {
  /** Reload quietly every this many seconds (0: never). @default 0 */
  readonly refreshSeconds?: number;
}

/**
 * Runs `load` on mount and whenever `retry` is called; a load that is superseded or unmounted is
 * aborted and its answer dropped. `refresh` (and `refreshSeconds`) reload quietly: the last value
 * stays shown while the new one loads, and a failed refresh keeps it rather than replacing the
 * page with an error. `load` must be stable (useCallback) or the effect reruns.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, options: AsyncOptions = {}): AsyncState<T> & { retry: () => void; refresh: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState({ count: 0, quiet: false });

  useEffect(() => {
    const controller = new AbortController();
    if (!attempt.quiet) setState({ status: 'loading' });
    load(controller.signal).then(
      // The same value again (a refresh that found nothing new) keeps the state, so nothing re-renders.
      (value) => !controller.signal.aborted && setState((current) => (current.status === 'ready' && current.value === value ? current : { status: 'ready', value })),
      (error: unknown) =>
        !controller.signal.aborted &&
        setState((current) => (attempt.quiet && current.status === 'ready' ? current : { status: 'error', error: error instanceof Error ? error : new Error(String(error)) })),
    );
    return () => controller.abort();
  }, [load, attempt]);

  const retry = useCallback(() => setAttempt((last) => ({ count: last.count + 1, quiet: false })), []);
  const refresh = useCallback(() => setAttempt((last) => ({ count: last.count + 1, quiet: true })), []);
  const refreshSeconds = options.refreshSeconds ?? 0;
  useEffect(() => {
    if (refreshSeconds <= 0) return undefined;
    const timer = setInterval(refresh, refreshSeconds * 1000);
    return () => clearInterval(timer);
  }, [refresh, refreshSeconds]);
  return { ...state, retry, refresh };
}
