import { describe, expect, it } from 'vitest';
import { evaluateClassifier } from './classification-metrics.ts';
import { precisionRecallCurve, rocCurve } from './classification-curves.ts';
import { renderTrainingReport, type TrainingReportInput } from './training-report.ts';

const labels = [1, 1, 0, 1, 0, 0];
const scores = [0.9, 0.8, 0.8, 0.4, 0.3, 0.1];
const groups = ['<b>heat</b>', 'power', 'none', 'power', 'none', 'none'];
const metrics = evaluateClassifier({ labels, scores, threshold: 0.35, groups });
const config = { trees: 2, maxDepth: 3, minNumSamples: 3, negativeRatio: 3, maxFeatures: 1, positiveFraction: 0.5 };
const best = { family: 'forest' as const, index: 0, config, trees: 2, seed: 1, score: 0.86, validation: { threshold: 0.35, f1: 0.86, auroc: 0.83, prAuc: 0.81 } };
const input: TrainingReportInput = {
  title: 'Pump <model> & "friends"',
  generatedAt: '2025-01-01T00:00:00Z',
  threshold: 0.35,
  test: metrics,
  validation: metrics,
  curves: { roc: rocCurve(labels, scores), precisionRecall: precisionRecallCurve(labels, scores) },
  importances: [
    { feature: '<script>alert(1)</script>', importance: 0.7, splits: 3 },
    { feature: 'torque', importance: 0.3, splits: 1 },
  ],
  candidates: [best],
  best,
  sizes: { train: 70, validation: 15, test: 15 },
  facts: { 'run id': "r-1'" },
};
const html = renderTrainingReport(input);

describe('renderTrainingReport', () => {
  it('renders one HTML document', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.endsWith('</html>\n')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
  });

  it('contains the four charts as inline SVG: ROC, precision–recall, confusion matrix, importances', () => {
    const titles = [...html.matchAll(/<svg [^>]*><title>([^<]*)<\/title>/g)].map((match) => match[1]);
    expect(titles).toEqual(['ROC curve', 'Precision–recall curve', 'Confusion matrix', 'Feature importance']);
    expect(html.match(/<\/svg>/g)).toHaveLength(4);
  });

  it('escapes every piece of text from the data', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Pump &lt;model&gt; &amp; &quot;friends&quot;');
    expect(html).toContain('&lt;b&gt;heat&lt;/b&gt;');
    expect(html).toContain('r-1&#39;');
  });

  it('references no external asset or script', () => {
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    expect(html.match(/https?:\/\/[^"]*/g)).toEqual(['http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg']);
  });

  it('shows the held-out metrics, the confusion counts and the recall per group', () => {
    expect(html).toContain('<td>test</td><td>6</td><td>3</td>');
    expect(html).toMatch(/class="count">3<\/text>/); // true positives at 0.35
    expect(html).toContain('<td>power</td><td>2</td><td>2</td><td>1.000</td>');
  });

  it('marks the chosen candidate of the search', () => {
    expect(html).toContain('<tr class="best"><td>0 (chosen)</td>');
  });
});
