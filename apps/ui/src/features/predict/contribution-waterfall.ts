/**
 * A prediction's TreeSHAP explanation laid out as a waterfall: from the base value (the model's
 * average margin over its training rows), each feature's contribution in turn, largest |contribution|
 * first, to this row's margin. Beyond `maxBars` features the smallest are summed into one step, so
 * the walk still ends exactly at the margin. Pure: the chart and its table draw what this returns.
 */
import type { ModelContract } from '@millwright/contract';
import { featureLabel } from '../../shared/contract/feature-label.ts';
import type { Explanation } from './api/explain-one.ts';

/** One bar of the waterfall: it moves the running margin from `from` to `to`. */
export interface WaterfallStep {
  /** A feature name, or `others` for the summed smallest features. */
  readonly key: string;
  /** The contract's label with its unit, or "N other features". */
  readonly label: string;
  /** For an engineered feature: the labels of the inputs it is computed from. */
  readonly computedFrom: readonly string[];
  /** The encoded value the model saw; undefined for the summed step. */
  readonly value: number | undefined;
  readonly contribution: number;
  readonly from: number;
  readonly to: number;
}

/** The whole walk, and the span of margins it crosses (for an axis). */
export interface ContributionWaterfall {
  readonly baseValue: number;
  readonly margin: number;
  readonly steps: readonly WaterfallStep[];
  readonly lowest: number;
  readonly highest: number;
}

/** Lays out `explanation` as a waterfall of at most `maxBars` steps, named by `contract`'s labels. */
export function contributionWaterfall(explanation: Explanation, contract: ModelContract, maxBars = 10): ContributionWaterfall {
  const ranked = explanation.contributions
    .map((item, order) => ({ item, order }))
    .sort((a, b) => Math.abs(b.item.contribution) - Math.abs(a.item.contribution) || a.order - b.order)
    .map(({ item }) => item);
  const shown = ranked.length > maxBars ? ranked.slice(0, maxBars - 1) : ranked;
  const rest = ranked.slice(shown.length);
  const parts = shown.map((item) => ({
    key: item.feature,
    label: featureLabel(contract, item.feature),
    computedFrom: (item.from ?? []).map((input) => featureLabel(contract, input)),
    value: item.value as number | undefined,
    contribution: item.contribution,
  }));
  if (rest.length > 0) {
    const contribution = rest.reduce((sum, item) => sum + item.contribution, 0);
    parts.push({ key: 'others', label: `${rest.length} other features`, computedFrom: [], value: undefined, contribution });
  }
  let running = explanation.baseValue;
  const steps = parts.map((part): WaterfallStep => {
    const from = running;
    running += part.contribution;
    return { ...part, from, to: running };
  });
  const visited = [explanation.baseValue, explanation.margin, ...steps.map((step) => step.to)];
  return { baseValue: explanation.baseValue, margin: explanation.margin, steps, lowest: Math.min(...visited), highest: Math.max(...visited) };
}
