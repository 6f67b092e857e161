import { describe, expect, it } from 'vitest';
import { promotionDecision } from './promote.ts';

const base = { metric: 'f1', margin: 0.01 };

describe('promotionDecision', () => {
  it('promotes the first model when there is no champion', () => {
    expect(promotionDecision({ ...base, candidate: { version: '1', score: 0.8 } })).toMatchObject({ promote: true, reason: expect.stringMatching(/no champion yet/) });
  });

  it('promotes a candidate that beats the champion by the margin', () => {
    const decision = promotionDecision({ ...base, candidate: { version: '2', score: 0.85 }, champion: { version: '1', score: 0.84 } });
    expect(decision.promote).toBe(true);
  });

  it('never promotes a worse model', () => {
    const decision = promotionDecision({ ...base, candidate: { version: '2', score: 0.7 }, champion: { version: '1', score: 0.8 } });
    expect(decision).toEqual({ promote: false, reason: 'f1 0.7000 does not beat champion version 1 (0.8000) by the margin 0.01 (needs ≥ 0.8100)' });
  });

  it('does not promote a candidate that is better by less than the margin', () => {
    expect(promotionDecision({ ...base, candidate: { version: '2', score: 0.805 }, champion: { version: '1', score: 0.8 } }).promote).toBe(false);
  });

  it('does not promote a candidate without the metric', () => {
    expect(promotionDecision({ ...base, candidate: { version: '2', score: Number.NaN } }).promote).toBe(false);
  });

  it('leaves the champion alone when the candidate is the champion already', () => {
    expect(promotionDecision({ ...base, candidate: { version: '3', score: 0.9 }, champion: { version: '3', score: 0.9 } }).promote).toBe(false);
  });
});
