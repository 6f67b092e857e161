import type { OutputFile, TreeProblem } from '@millwright/manifests';
import { evaluatePolicies, policies as allPolicies, type Policy, type PolicyReport } from '@millwright/policy';
import { collectPolicyTargets } from './policy-targets.ts';
import { validateBuilds } from './validate-builds.ts';

/** The gate's outcome: the report, or the problems that kept the tree from being tested. */
export interface PolicyGateResult {
  readonly report: PolicyReport;
  /** Build or parse problems; when present the report covers only what could be read. */
  readonly problems: readonly TreeProblem[];
  /** Milliseconds spent evaluating policies (the builds excluded). */
  readonly evaluationMs: number;
}

/**
 * The policy gate over a rendered tree: builds every overlay with kubectl kustomize, adds the
 * objects of `bootstrap/` and `fleet/`, and evaluates every policy against every object.
 */
export async function runPolicyGate(files: readonly OutputFile[], policies: readonly Policy[] = allPolicies): Promise<PolicyGateResult> {
  const builds = await validateBuilds(files);
  const collected = collectPolicyTargets(files, builds.built);
  const started = performance.now();
  const report = evaluatePolicies(policies, collected.targets);
  return { report, problems: [...builds.problems, ...collected.problems], evaluationMs: performance.now() - started };
}
