// No credential leaves the program in plain text: every value read from the stack config or
// generated is a Pulumi secret wherever it goes (stack outputs, resource inputs).
import { compareSync } from 'bcryptjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { allTopologies, sampleConfig } from '@millwright/platform/testing';
import { deliveryEngines } from './day0-config.ts';
import { mockToken, planFor, runUnderMocks, sampleStackConfig, type MockRun } from './test-support/mock-run.ts';

const scenarios = deliveryEngines.flatMap((engine) => allTopologies.map((topology) => ({ engine, topology })));

/** Values the stack config gives: a shared value, a key of one Secret, extra htpasswd lines. */
const given = {
  sharedFeatureStore: 'given-feature-store-password-7f3a',
  grafanaPassword: 'given-grafana-admin-password-91c2',
  extraUsers: 'alice:$2y$10$givenAliceHashgivenAliceHashgivenAliceHashgivenAliceHa',
};

function stackValues(topology: string) {
  const cluster = topology === 'edge-only' ? 'edge-1' : 'core';
  return {
    shared: { 'feature-store-password': given.sharedFeatureStore },
    values: {
      [cluster]: {
        'millwright-governance': { 'grafana-admin-credentials': { 'admin-password': given.grafanaPassword } },
        'millwright-it': { 'ingress-basic-auth': { users: given.extraUsers } },
      },
    },
  };
}

describe.each(scenarios)('the credentials of Day 0 with $engine, $topology', ({ engine, topology }) => {
  const config = sampleConfig(topology);
  let run: MockRun;
  let credentials: string[];

  beforeAll(async () => {
    run = await runUnderMocks(planFor(config, sampleStackConfig(engine, config, stackValues(topology))));
    // Everything secret: what the mocks generated, what the stack config gives, the cluster token.
    credentials = [...run.generated.values(), ...Object.values(given), mockToken];
  });

  it('puts no credential into a stack output that is not a secret', () => {
    const plain = run.outputs.filter((leaf) => !leaf.secret);
    expect(plain.length).toBeGreaterThan(0);
    for (const leaf of plain) {
      const text = JSON.stringify(leaf.value);
      for (const credential of credentials) expect(text.includes(credential), `${leaf.path} holds a credential in plain text`).toBe(false);
    }
  });

  it('outputs every shared value, as a secret, so the operator can keep them', () => {
    const shared = run.outputs.filter((leaf) => leaf.path.startsWith('sharedValues.'));
    expect(shared.map((leaf) => leaf.path.slice('sharedValues.'.length)).sort()).toEqual(run.plan.shared.map((value) => value.name).sort());
    expect(shared.every((leaf) => leaf.secret)).toBe(true);
    expect(shared.find((leaf) => leaf.path === 'sharedValues.feature-store-password')?.value).toBe(given.sharedFeatureStore);
  });

  it('sends every input that holds a credential as a secret', () => {
    for (const resource of run.resources) {
      const leaves = (value: unknown, path: string): [string, unknown][] =>
        typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([key, item]) => leaves(item, path ? `${path}.${key}` : key)) : [[path, value]];
      for (const [path, value] of leaves(resource.inputs, '')) {
        const holdsCredential = typeof value === 'string' && credentials.some((credential) => value.includes(credential));
        if (holdsCredential) expect(resource.secretInputs, `${resource.name}: ${path}`).toContain(path);
      }
    }
  });

  it('uses the values the stack config gives, and generates only the others', () => {
    const secrets = run.resources.filter((r) => r.type === 'kubernetes:core/v1:Secret');
    const value = (name: string, key: string) => (secrets.find((r) => r.name === name)?.inputs['stringData'] as Record<string, string> | undefined)?.[key];
    const cluster = topology === 'edge-only' ? 'edge-1' : 'core';
    expect(value(`${cluster}/millwright-governance/grafana-admin-credentials`, 'admin-password')).toBe(given.grafanaPassword);
    expect(run.generated.has(`${cluster}/millwright-governance/grafana-admin-credentials/admin-password`)).toBe(false);
    expect(run.generated.has(`${cluster}/millwright-governance/grafana-admin-credentials/admin-user`)).toBe(true);
    expect(run.generated.has('shared/feature-store-password')).toBe(false);
    for (const redis of secrets.filter((r) => r.name.endsWith('/redis-credentials'))) expect((redis.inputs['stringData'] as Record<string, string>)['password']).toBe(given.sharedFeatureStore);
  });

  it("keeps the platform's client line first in an htpasswd Secret and the stack config's own users after it", () => {
    const cluster = topology === 'edge-only' ? 'edge-1' : 'core';
    const users = (run.resources.find((r) => r.name === `${cluster}/millwright-it/ingress-basic-auth`)!.inputs['stringData'] as Record<string, string>)['users']!;
    if (topology !== 'hybrid') {
      // One cluster runs both ends, so no client logs in across clusters: the given lines are the value.
      expect(users).toBe(given.extraUsers);
      return;
    }
    const [client, ...rest] = users.split('\n');
    const [user, hash] = client!.split(':');
    expect(user).toBe(run.generated.get('shared/mlflow-edge-user'));
    expect(compareSync(run.generated.get('shared/mlflow-edge-password')!, hash!)).toBe(true);
    expect(rest).toEqual([given.extraUsers]);
  });
});
