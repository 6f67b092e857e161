/**
 * The kubelet's container restart back-off (restartPolicy: Always), so a process of the lab
 * crash-loops on the schedule a pod would. Pure: the supervisor feeds it how long each run lasted.
 *
 * What the kubelet does, read in its source and documentation:
 * - pkg/kubelet/kuberuntime/kuberuntime_manager.go, `doBackOff`: when a container has exited it
 *   takes the exit's `FinishedAt`; if `backOff.IsInBackOffSince(key, finishedAt)` it does not
 *   start it (CrashLoopBackOff), otherwise it calls `backOff.Next(key, finishedAt)` and starts it.
 * - k8s.io/client-go/util/flowcontrol/backoff.go: `IsInBackOffSince` is false when the key has no
 *   entry yet or the entry `hasExpired` (finishedAt − lastUpdate > 2 × max), else true while less
 *   than the entry's back-off has passed since finishedAt. `Next` starts a missing or expired entry
 *   at the initial period, otherwise doubles it up to the max, and sets lastUpdate to now.
 * - pkg/kubelet/kubelet.go: `initialCrashLoopBackOff = time.Second * 10`, `MaxCrashLoopBackOff =
 *   v1beta1.MaxContainerBackOff` (300 s; older releases: `backOffPeriod`, `MaxContainerBackOff`);
 *   `klet.crashLoopBackOff = flowcontrol.NewBackOff(base, boMax)`, so without jitter, and its
 *   `HasExpiredFunc` is replaced by `eventTime.Sub(lastUpdate) > 600*time.Second`: the reset
 *   window is a fixed 10 minutes, no longer 2 × max, once the max became configurable.
 * - kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle ("Container restarts"): delays of
 *   10s, 20s, 40s, … capped at five minutes; once a container has run for 10 minutes without a
 *   problem, the kubelet resets its back-off.
 * So: the FIRST restart is immediate (no entry yet); the next ones wait 10, 20, 40, 80, 160, 300,
 * 300 … s after the exit; a run longer than 10 min (from the restart that began it, lastUpdate,
 * to its exit) resets the entry, and that exit restarts immediately again. The
 * kubelet restarts on its next pod sync after the wait; here the restart happens when it ends.
 * (The alpha KEP-4603 gates that shorten these defaults are off by default.)
 */

export interface BackOffPolicy {
  /** The first wait, after the second exit in a row. */
  readonly initialMs: number;
  /** Waits double up to this. */
  readonly maxMs: number;
  /** A run longer than this resets the back-off; the kubelet's is a fixed 10 minutes. */
  readonly resetAfterMs: number;
}

/** The kubelet's defaults: 10 s doubling to 300 s, reset after a 10-minute run. */
export const kubeletBackOff: BackOffPolicy = { initialMs: 10_000, maxMs: 300_000, resetAfterMs: 600_000 };

/** The kubelet's policy with `overrides` applied (tests use milliseconds). @throws Error naming every bad field. */
export function resolveBackOffPolicy(overrides: Partial<BackOffPolicy> = {}): BackOffPolicy {
  const initialMs = overrides.initialMs ?? kubeletBackOff.initialMs;
  const maxMs = overrides.maxMs ?? kubeletBackOff.maxMs;
  const resetAfterMs = overrides.resetAfterMs ?? kubeletBackOff.resetAfterMs;
  const problems = [
    ...(initialMs > 0 ? [] : [`initialMs must be above 0, not ${initialMs}`]),
    ...(maxMs >= initialMs ? [] : [`maxMs (${maxMs}) must not be below initialMs (${initialMs})`]),
    ...(resetAfterMs > 0 ? [] : [`resetAfterMs must be above 0, not ${resetAfterMs}`]),
  ];
  if (problems.length > 0) throw new Error(`back-off: ${problems.join('; ')}`);
  return { initialMs, maxMs, resetAfterMs };
}

/** The kubelet's back-off entry of one process: none until its first exit. */
export interface BackOffState {
  readonly currentMs: number | undefined;
}

/** No exit yet, or reset by a scale to zero (a new pod has a new entry). */
export const freshBackOff: BackOffState = { currentMs: undefined };

/** How long to wait after an exit of a run that lasted `ranMs`, and the entry after the restart. */
export function restartAfterExit(state: BackOffState, ranMs: number, policy: BackOffPolicy): { delayMs: number; next: BackOffState } {
  if (state.currentMs === undefined || ranMs > policy.resetAfterMs) return { delayMs: 0, next: { currentMs: policy.initialMs } };
  return { delayMs: state.currentMs, next: { currentMs: Math.min(state.currentMs * 2, policy.maxMs) } };
}

/** The waits before each restart of a process that crashes `exits` times in a row, each run short. */
export function crashLoopDelays(policy: BackOffPolicy, exits: number): number[] {
  const delays: number[] = [];
  let state = freshBackOff;
  for (let exit = 0; exit < exits; exit += 1) {
    const { delayMs, next } = restartAfterExit(state, 0, policy);
    delays.push(delayMs);
    state = next;
  }
  return delays;
}
