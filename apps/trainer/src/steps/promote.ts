import { championAlias } from '@millwright/registry';
import { metricTag } from './register.ts';
import { once, type StepContext, type StepSummary } from './step-context.ts';

/** The decision and its reason, pure so every branch is tested. */
export function promotionDecision(input: {
  metric: string;
  margin: number;
  candidate: { version: string; score: number };
  champion?: { version: string; score: number };
}): { promote: boolean; reason: string } {
  const { metric, margin, candidate, champion } = input;
  const score = `${metric} ${candidate.score.toFixed(4)}`;
  if (!Number.isFinite(candidate.score)) return { promote: false, reason: `the candidate has no ${metric} to compare` };
  if (!champion) return { promote: true, reason: `no champion yet; version ${candidate.version} (${score}) becomes champion` };
  if (champion.version === candidate.version) return { promote: false, reason: `version ${candidate.version} is already the champion` };
  if (!Number.isFinite(champion.score)) {
    return { promote: true, reason: `champion version ${champion.version} has no ${metric}; version ${candidate.version} (${score}) replaces it` };
  }
  const needed = champion.score + margin;
  if (candidate.score >= needed) {
    return {
      promote: true,
      reason: `${score} beats champion version ${champion.version} (${champion.score.toFixed(4)}) by at least the margin ${margin}`,
    };
  }
  return {
    promote: false,
    reason: `${score} does not beat champion version ${champion.version} (${champion.score.toFixed(4)}) by the margin ${margin} (needs ≥ ${needed.toFixed(4)})`,
  };
}

/**
 * `promote`: moves the `champion` alias to the registered version only when it beats the current
 * champion by the margin on the configured metric — never to a worse model — and records the
 * decision and its reason in the version's tags.
 */
export function promote(context: StepContext): Promise<StepSummary> {
  return once(context, 'promote', async () => {
    const registry = context.registry();
    const { modelName: name, metric, margin } = context.options;
    const { version } = context.store.summaryOf<{ version: string }>('register');
    const candidate = await registry.getModelVersion(name, version);
    const champion = await registry.getVersionByAlias(name, championAlias);
    const scoreOf = (tags: Readonly<Record<string, string>>) => Number(tags[metricTag(metric)] ?? Number.NaN);
    const decision = promotionDecision({
      metric,
      margin,
      candidate: { version, score: scoreOf(candidate.tags) },
      ...(champion && { champion: { version: champion.version, score: scoreOf(champion.tags) } }),
    });
    if (decision.promote) await registry.setAlias(name, championAlias, version);
    await registry.setModelVersionTag(name, version, 'millwright.promotion', decision.promote ? 'promoted' : 'not-promoted');
    await registry.setModelVersionTag(name, version, 'millwright.promotion_reason', decision.reason);
    context.log(`promote: ${decision.reason}`);
    return { step: 'promote', model: name, version, promoted: decision.promote, reason: decision.reason, champion: decision.promote ? version : champion?.version };
  });
}
