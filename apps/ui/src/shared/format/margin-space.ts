/**
 * How the UI writes amounts in a tree model's margin space, the space its TreeSHAP contributions
 * add up in (`POST /explain`, `GET /registry/versions/:version/global-importance`): the random
 * forest's margin is the probability itself, so its amounts read as percentages and percentage
 * points; boosted trees add up in log-odds, which have no unit. One place, so Predict and Models
 * state the same space in the same words.
 */

/** The space a model's margin and contributions are in, as the API names it. */
export type MarginSpace = 'probability' | 'log-odds';

/** The space in words, for a caption: "in probability points" or "in log-odds". */
export function marginSpaceWords(space: MarginSpace): string {
  return space === 'probability' ? 'in probability points' : 'in log-odds';
}

/** A margin (a base value or one row's margin): "27.3 %" as a probability, "−1.03" in log-odds. */
export function formatMargin(value: number, space: MarginSpace): string {
  const text = space === 'probability' ? `${(value * 100).toFixed(1)} %` : value.toFixed(2);
  return text.replace('-', '−');
}

/** A signed contribution: "+5.2 points" of probability, "−0.48" in log-odds. */
export function formatContribution(value: number, space: MarginSpace): string {
  const magnitude = space === 'probability' ? `${(Math.abs(value) * 100).toFixed(1)} points` : Math.abs(value).toFixed(2);
  return `${value < 0 ? '−' : '+'}${magnitude}`;
}

/** An unsigned amount, such as a mean |SHAP|: "5.2 points" of probability, "0.48" in log-odds. */
export function formatAmount(value: number, space: MarginSpace): string {
  return space === 'probability' ? `${(value * 100).toFixed(1)} points` : value.toFixed(2);
}
