import { describe, expect, it } from 'vitest';
import { crashLoopDelays, freshBackOff, kubeletBackOff, resolveBackOffPolicy, restartAfterExit } from './back-off.ts';
import { resolveSupervisorOptions } from './supervisor.ts';

describe("the kubelet's restart back-off", () => {
  it('defaults to 10 s doubling to 300 s, reset by a run of over 10 minutes', () => {
    expect(kubeletBackOff).toEqual({ initialMs: 10_000, maxMs: 300_000, resetAfterMs: 600_000 });
    expect(resolveBackOffPolicy()).toEqual(kubeletBackOff);
  });

  it('restarts the first exit at once, then waits 10, 20, 40, 80, 160 and 300 s', () => {
    expect(crashLoopDelays(kubeletBackOff, 9)).toEqual([0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });

  it('starts over after a run longer than the reset window, and not after one exactly as long', () => {
    let state = freshBackOff;
    for (let exit = 0; exit < 4; exit += 1) state = restartAfterExit(state, 1_000, kubeletBackOff).next;
    expect(state.currentMs).toBe(80_000);
    expect(restartAfterExit(state, 600_000, kubeletBackOff)).toEqual({ delayMs: 80_000, next: { currentMs: 160_000 } });
    expect(restartAfterExit(state, 600_001, kubeletBackOff)).toEqual({ delayMs: 0, next: { currentMs: 10_000 } });
  });

  it('takes milliseconds for tests, and refuses a policy that cannot back off', () => {
    expect(crashLoopDelays(resolveBackOffPolicy({ initialMs: 40, maxMs: 160 }), 5)).toEqual([0, 40, 80, 160, 160]);
    expect(() => resolveBackOffPolicy({ initialMs: 0, maxMs: -1, resetAfterMs: 0 })).toThrow(
      'back-off: initialMs must be above 0, not 0; maxMs (-1) must not be below initialMs (0); resetAfterMs must be above 0, not 0',
    );
  });
});

describe('supervisor defaults', () => {
  it("poll readiness every 250 ms and give a stopping process Kubernetes' 30 s grace", () => {
    expect(resolveSupervisorOptions()).toEqual({ backOff: kubeletBackOff, readinessIntervalMs: 250, stopGraceMs: 30_000 });
  });
});
