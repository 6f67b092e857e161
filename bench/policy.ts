import { join } from 'node:path';
import { catalogue } from '@millwright/platform';
import { renderTree } from '@millwright/manifests';
import { defineAdmissionPolicy, evaluatePolicies, policies, type PolicyTarget } from '@millwright/policy';
import { loadPlatform } from '../apps/gitops/src/load-platform.ts';
import { collectPolicyTargets } from '../apps/gitops/src/policy-targets.ts';
import { validateBuilds } from '../apps/gitops/src/validate-builds.ts';
import { median, ms, timeRuns } from './stats.ts';

const runs = 5;
const targetMs = 3000;

/** Fresh copies, so every run pays the object conversion the way one `npm run policy` does. */
function copies(targets: readonly PolicyTarget[]): PolicyTarget[] {
  return targets.map((t) => ({ ...t, object: structuredClone(t.object) }));
}

/**
 * Policy evaluation time over the whole built tree of platform.config.ts (every overlay built
 * with kubectl kustomize, plus bootstrap/ and fleet/; the builds are not timed): the first
 * evaluation in the process (CEL environment and every policy compiled — what `npm run policy`
 * pays), then the median of warm runs; beside a baseline from the same run: the same policies'
 * match rules with a single `true` validation each (the runner's floor without the CEL rules).
 */
export async function benchPolicy(root: string): Promise<void> {
  const platform = await loadPlatform(join(root, 'platform.config.ts'));
  const { files } = renderTree(platform, catalogue);
  const builds = await validateBuilds(files);
  const { targets } = collectPolicyTargets(files, builds.built);

  const started = performance.now();
  const report = evaluatePolicies(policies, copies(targets));
  const cold = performance.now() - started;
  const warm = await timeRuns(runs, () => evaluatePolicies(policies, copies(targets)));

  const trivial = policies.map((p) =>
    p.type === 'set'
      ? { ...p, check: () => [] }
      : defineAdmissionPolicy({
          name: p.name,
          description: p.description,
          resourceRules: p.policy.spec?.matchConstraints?.resourceRules ?? [],
          ...(p.policy.spec?.matchConstraints?.namespaceSelector && { namespaceSelector: p.policy.spec.matchConstraints.namespaceSelector }),
          validations: [{ expression: 'true' }],
        }),
  );
  evaluatePolicies(trivial, targets); // compiles the trivial policies outside the timed runs
  const floor = await timeRuns(runs, () => evaluatePolicies(trivial, copies(targets)));

  const { tests, failures } = report.summary;
  console.log(`policy benchmark: ${policies.length} policies, ${targets.length} objects, ${tests} tests (${failures} failures), topology ${platform.topology}, ${runs} runs (medians)`);
  console.log(`  first evaluation (compile included) ${ms(cold)}  (target < ${ms(targetMs)}: ${(cold / targetMs).toFixed(3)}x of target)`);
  console.log(`  warm evaluation                    ${ms(median(warm))}`);
  console.log(`  baseline: match rules + \`true\`      ${ms(median(floor))}; warm/baseline = ${(median(warm) / median(floor)).toFixed(2)}x`);
}
