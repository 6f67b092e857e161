import { describe, expect, it } from 'vitest';
import { metricForSeries, platformRuleGroups, ruleFile, seriesNamesIn } from '@millwright/observability';
import { checkRules, promtoolTests, ruleTestCases, testRules } from '@millwright/observability/testing';

const alerts = platformRuleGroups.flatMap((group) => group.rules);

describe('the platform rules', () => {
  it('pass promtool check rules', () => {
    const result = checkRules(ruleFile());
    expect(result.output).toContain(`SUCCESS: ${alerts.length} rules found`);
    expect(result.status).toBe(0);
  });

  it('pass their promtool unit tests', () => {
    const result = testRules(ruleFile(), promtoolTests());
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it.each(alerts.map((rule) => rule.alert))('has a test that fires %s and one that keeps it quiet', (alert) => {
    const outcomes = ruleTestCases.filter((testCase) => testCase.alert === alert).map((testCase) => testCase.outcome);
    expect(outcomes).toContain('fires');
    expect(outcomes).toContain('stays quiet');
  });

  it('keeps every firing case firing and every quiet case quiet', () => {
    for (const testCase of ruleTestCases) expect(testCase.expAlerts.length > 0, testCase.why).toBe(testCase.outcome === 'fires');
  });

  it('fails a unit test whose expectation is wrong, so a passing run means something', () => {
    const wrong = ruleTestCases.filter((testCase) => testCase.outcome === 'fires').map((testCase) => ({ ...testCase, expAlerts: [] }));
    const result = testRules(ruleFile(), promtoolTests(wrong));
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('FAILED');
  });

  it('names every alert once and gives it a severity, summary and description', () => {
    expect(new Set(alerts.map((rule) => rule.alert)).size).toBe(alerts.length);
    for (const rule of alerts) {
      expect(['critical', 'warning']).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length, rule.alert).toBeGreaterThan(10);
      expect(rule.annotations.description.length, rule.alert).toBeGreaterThan(10);
    }
  });

  it.each(alerts.map((rule) => [rule.alert, rule.expr] as const))('reads only metrics of the metric table in %s', (_alert, expr) => {
    const names = seriesNamesIn(expr);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(metricForSeries(name), name).toBeDefined();
  });
});
