export { runPromtool, checkRules, testRules, type PromtoolResult } from './promtool.ts';
export { ruleTestCases, promtoolTests, type RuleTestCase } from './rule-test-cases.ts';
