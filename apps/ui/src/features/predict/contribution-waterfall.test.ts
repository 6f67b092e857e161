import { ai4iContract } from '@millwright/contract';
import { describe, expect, it } from 'vitest';
import type { Explanation, FeatureContribution } from './api/explain-one.ts';
import { contributionWaterfall } from './contribution-waterfall.ts';

const contract = ai4iContract(0.4);

function explanation(contributions: readonly FeatureContribution[], baseValue = 0.1): Explanation {
  const margin = contributions.reduce((sum, item) => sum + item.contribution, baseValue);
  return {
    prediction: 'failure',
    probability: margin,
    threshold: 0.4,
    model: { name: 'predictive-maintenance', version: '3', alias: 'champion' },
    marginSpace: 'probability',
    baseValue,
    margin,
    contributions,
  };
}

const input = (feature: string, contribution: number): FeatureContribution => ({ feature, kind: 'input', value: 1, contribution });

describe('contributionWaterfall', () => {
  it('walks from the base value to the margin, largest |contribution| first', () => {
    const walk = contributionWaterfall(explanation([input('torqueNm', 0.05), input('toolWearMin', -0.2), input('rotationalSpeedRpm', 0.3)]), contract);
    expect(walk.steps.map((step) => step.key)).toEqual(['rotationalSpeedRpm', 'toolWearMin', 'torqueNm']);
    expect(walk.steps[0]).toMatchObject({ from: 0.1, to: 0.4 });
    expect(walk.steps.at(-1)!.to).toBeCloseTo(walk.margin, 12);
    expect(walk.lowest).toBeCloseTo(0.1, 12);
    expect(walk.highest).toBeCloseTo(0.4, 12);
  });

  it("names features by the contract's labels, and an engineered one with the inputs it comes from", () => {
    const walk = contributionWaterfall(
      explanation([input('torqueNm', 0.2), { feature: 'powerW', kind: 'engineered', from: ['torqueNm', 'rotationalSpeedRpm'], value: 6000, contribution: 0.1 }]),
      contract,
    );
    expect(walk.steps.map((step) => step.label)).toEqual(['Spindle torque (Nm)', 'Mechanical power: torque × rotational speed × 2π / 60, in W']);
    expect(walk.steps[1]!.computedFrom).toEqual(['Spindle torque (Nm)', 'Spindle rotational speed (rpm)']);
  });

  it('sums the smallest features into one step beyond maxBars, still ending at the margin', () => {
    const walk = contributionWaterfall(explanation([input('a', 0.4), input('b', -0.3), input('c', 0.02), input('d', -0.01)]), contract, 3);
    expect(walk.steps.map((step) => step.label)).toEqual(['a', 'b', '2 other features']);
    expect(walk.steps[2]!.contribution).toBeCloseTo(0.01, 12);
    expect(walk.steps[2]!.to).toBeCloseTo(walk.margin, 12);
  });

  it('keeps the contract order among equal contributions, so the chart never reshuffles', () => {
    const walk = contributionWaterfall(explanation([input('toolWearMin', 0), input('type', 0), input('torqueNm', 0)]), contract);
    expect(walk.steps.map((step) => step.key)).toEqual(['toolWearMin', 'type', 'torqueNm']);
  });
});
