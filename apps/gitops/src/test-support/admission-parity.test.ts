import { describe, expect, it } from 'vitest';
import type { PolicyResult } from '@millwright/policy';
import { parityDisagreements, parityTable, type FixtureObjectVerdicts } from './admission-parity.ts';
import { parameterNotFound, type ServerVerdict } from './admission-verdict.ts';

const latest = 'container(s) app use the mutable tag :latest; pin a version tag';
const object = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'fx5-apps', name: 'latest' };

/** A runner result; `validation: null` for a violation no CEL validation made (a missing parameter). */
function result(policy: string, mode: 'Deny' | 'Warn', messages: readonly string[], validation: number | null = 0): PolicyResult {
  const outcome = messages.length === 0 ? 'pass' : mode === 'Deny' ? 'fail' : 'warn';
  return { policy, mode, file: 'subject#0', cluster: 'under-test', object, outcome, violations: messages.map((message) => ({ message, ...(validation !== null && { validation }) })) };
}

const admitted: ServerVerdict = { admitted: true, policyWarnings: [], otherWarnings: [] };

/** The images-pinned fail fixture's first object, as both sides judge it when they agree. */
const agreeing: FixtureObjectVerdicts = {
  file: 'millwright-images-pinned/fail.yaml#1',
  policy: 'millwright-images-pinned',
  object: 'Deployment/fx5-apps/latest',
  offlineWarn: [result('millwright-images-pinned', 'Warn', [latest]), result('millwright-probes-declared', 'Warn', [])],
  offlineDeny: [result('millwright-images-pinned', 'Deny', [latest]), result('millwright-probes-declared', 'Deny', [])],
  serverWarn: { ...admitted, policyWarnings: [{ policy: 'millwright-images-pinned', message: latest }] },
  serverDeny: { admitted: false, deniedBy: { policy: 'millwright-images-pinned', message: latest }, policyWarnings: [], otherWarnings: [] },
};
const inCluster = ['millwright-images-pinned', 'millwright-probes-declared'];

describe('parityDisagreements', () => {
  it('finds none when both judge every policy and the object alike', () => {
    expect(parityDisagreements([agreeing], inCluster)).toEqual([]);
  });

  it('names fixture, object, policy and both verdicts when the runner passes what the API server fails', () => {
    const offlinePasses = { ...agreeing, offlineWarn: [result('millwright-images-pinned', 'Warn', [])], offlineDeny: [result('millwright-images-pinned', 'Deny', [])] };
    expect(parityDisagreements([offlinePasses], inCluster)).toEqual([
      `millwright-images-pinned/fail.yaml#1 (Deployment/fx5-apps/latest) under millwright-images-pinned: offline pass, API server fail ("${latest}")`,
      `millwright-images-pinned/fail.yaml#1 (Deployment/fx5-apps/latest) with the bindings on Deny: offline admitted, API server refused by millwright-images-pinned: "${latest}"`,
    ]);
  });

  it('names both wordings when both fail with different messages', () => {
    const reworded = { ...agreeing, serverWarn: { ...admitted, policyWarnings: [{ policy: 'millwright-images-pinned', message: 'another message' }] } };
    expect(parityDisagreements([reworded], inCluster)).toEqual([
      `millwright-images-pinned/fail.yaml#1 (Deployment/fx5-apps/latest) under millwright-images-pinned: both fail, but offline says ("${latest}") and the API server says ("another message")`,
    ]);
  });

  it("takes the API server's wording of a missing parameter object for the runner's", () => {
    const policy = 'millwright-default-deny-network-policy';
    const missing = 'no NetworkPolicy "default-deny" in namespace fx3-bare, which this policy requires (paramRef, parameterNotFoundAction: Deny)';
    const denied: ServerVerdict = { admitted: false, deniedBy: { policy, message: parameterNotFound }, policyWarnings: [], otherWarnings: [] };
    const withoutParameter: FixtureObjectVerdicts = {
      ...agreeing,
      offlineWarn: [result(policy, 'Warn', [missing], null)],
      offlineDeny: [result(policy, 'Deny', [missing], null)],
      serverWarn: denied,
      serverDeny: denied,
    };
    expect(parityDisagreements([withoutParameter], [policy])).toEqual([]);
  });

  it('reports an object refused before admission, unless it is expected to be, for the expected reason', () => {
    const undecodable: ServerVerdict = { admitted: false, refusal: 'quantities must match the regular expression', policyWarnings: [], otherWarnings: [] };
    const refused = { ...agreeing, serverWarn: undecodable, serverDeny: undecodable };
    expect(parityDisagreements([refused], inCluster)).toEqual([
      'millwright-images-pinned/fail.yaml#1 (Deployment/fx5-apps/latest): the API server refused it before admission, so no policy judged it: quantities must match the regular expression',
    ]);
    const expected = { file: agreeing.file, refusal: /quantities/, reason: 'not a quantity' };
    expect(parityDisagreements([refused], inCluster, [expected])).toEqual([]);
    expect(parityDisagreements([agreeing], inCluster, [expected])).toEqual([
      `millwright-images-pinned/fail.yaml#1 (Deployment/fx5-apps/latest): expected the API server to refuse it before admission (not a quantity), but it answered refused by millwright-images-pinned: "${latest}"`,
    ]);
  });
});

describe('parityTable', () => {
  it("has a row per fixture object with the fixture policy's verdicts on both sides", () => {
    expect(parityTable([agreeing]).split('\n')[2]).toBe('| millwright-images-pinned | fail.yaml#1 | Deployment/fx5-apps/latest | fail | fail | refused | refused (images-pinned) |');
  });
});
