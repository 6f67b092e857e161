import type { KubeObject } from '@millwright/platform';
import type { KubeControlPlane, KubectlResult } from '@millwright/test-servers';
import { inTurns } from '../in-turns.ts';
import { serverVerdict, type ServerVerdict } from './admission-verdict.ts';
import type { PolicyMutation } from './policy-mutations.ts';
import { manifestStream, type OverlayInWave } from './sync-order.ts';

/** What applying one overlay (or one step of the management rollout) gave back. */
export interface AppliedStep {
  /** The overlay directory or rollout step. */
  readonly step: string;
  readonly objects: number;
  readonly result: KubectlResult;
}

/** Server-side applies `objects` as one step; a refused object shows in the step's result. */
export async function applyStep(plane: KubeControlPlane, step: string, objects: readonly KubeObject[]): Promise<AppliedStep> {
  return { step, objects: objects.length, result: await plane.apply(manifestStream(objects)) };
}

/** The steps that refused an object, with kubectl's error lines. */
export function refusals(steps: readonly AppliedStep[]): string[] {
  return steps.filter((s) => s.result.exitCode !== 0).map((s) => `${s.step}: ${s.result.stderr.trim()}`);
}

/** Every warning the API server sent, with the step that drew it. */
export function warningsOf(steps: readonly AppliedStep[]): string[] {
  return steps.flatMap((s) => s.result.warnings.map((warning) => `${s.step}: Warning: ${warning}`));
}

/** How many kubectl dry runs the tests keep in flight against one API server. */
export const dryRunsInFlight = 3;

/** The API server's verdict on a server-side dry run of one object. */
export async function dryRunVerdict(plane: KubeControlPlane, object: KubeObject): Promise<ServerVerdict> {
  return serverVerdict(await plane.apply(manifestStream([object]), { dryRun: true }));
}

/**
 * Dry-runs every mutation until each gets the verdict `expected` says (bindings take effect a
 * moment after they are stored: the API server reloads its policies about once a second), and
 * returns the last verdicts; a mutation still not judged as expected after `timeoutMs` keeps its
 * last verdict for the test to report.
 */
export async function verdictsOnceEnforced(
  plane: KubeControlPlane,
  mutations: readonly PolicyMutation[],
  expected: (mutation: PolicyMutation, verdict: ServerVerdict) => boolean,
  timeoutMs = 20_000,
): Promise<ServerVerdict[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const verdicts = await inTurns(mutations, (mutation) => dryRunVerdict(plane, mutation.object), dryRunsInFlight);
    if (verdicts.every((verdict, index) => expected(mutations[index]!, verdict)) || Date.now() > deadline) return verdicts;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Whether a mutation's verdict shows its policy in force with the bindings on `Deny`: refused by
 * that policy, and no policy still only warning (as one would while a switch from Warn settles).
 */
export const refusedByItsPolicy = (mutation: PolicyMutation, verdict: ServerVerdict): boolean =>
  verdict.deniedBy?.policy === mutation.policy && verdict.policyWarnings.length === 0;

/**
 * Whether a mutation's verdict shows its policy in force with the bindings on `Warn`: a warning
 * from that policy, or, for a missing parameter object, its refusal (see `PolicyMutation.missingParameter`).
 */
export const warnedByItsPolicy = (mutation: PolicyMutation, verdict: ServerVerdict): boolean =>
  mutation.missingParameter ? verdict.deniedBy?.policy === mutation.policy : verdict.admitted && verdict.policyWarnings.some((w) => w.policy === mutation.policy);

/** What rolling a workload cluster's overlays out gave back. */
export interface WorkloadRollout {
  readonly steps: readonly AppliedStep[];
  /** The verdicts on the hand-made violations, taken once the first wave (namespaces, policies) was in. */
  readonly firstWaveVerdicts: readonly ServerVerdict[];
}

/**
 * Applies a cluster's overlays in sync order. After the first wave (namespaces and admission
 * policies) it creates what the mutations need and waits until the policies refuse every
 * mutation, so every later wave is admitted under policies that are in force.
 */
export async function rollOutWorkloadCluster(plane: KubeControlPlane, overlays: readonly OverlayInWave[], mutations: readonly PolicyMutation[]): Promise<WorkloadRollout> {
  const steps: AppliedStep[] = [];
  let firstWaveVerdicts: ServerVerdict[] = [];
  const firstWave = overlays[0]?.wave;
  for (const [index, overlay] of overlays.entries()) {
    steps.push(await applyStep(plane, overlay.dir, overlay.objects));
    if (overlay.wave === firstWave && overlays[index + 1]?.wave !== firstWave) {
      steps.push(await applyStep(plane, 'what the hand-made violations need', mutations.flatMap((m) => m.setup)));
      firstWaveVerdicts = await verdictsOnceEnforced(plane, mutations, refusedByItsPolicy);
    }
  }
  return { steps, firstWaveVerdicts };
}
