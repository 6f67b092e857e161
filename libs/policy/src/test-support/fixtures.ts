import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '@millwright/kube';
import type { PolicyTarget } from '../model/policy-types.ts';

/** Where each policy keeps `<policy name>/pass.yaml` and `<policy name>/fail.yaml`. */
export const fixturesDir = join(import.meta.dirname, '../__fixtures__');

/** The path of one fixture file of a policy. */
export function fixturePath(policy: string, kind: 'pass' | 'fail'): string {
  return join(fixturesDir, policy, `${kind}.yaml`);
}

/** Whether the policy has that fixture. */
export function hasFixture(policy: string, kind: 'pass' | 'fail'): boolean {
  return existsSync(fixturePath(policy, kind));
}

/** A fixture's objects as targets of one cluster, each named `<policy>/<kind>.yaml#<n>`. */
export function loadFixture(policy: string, kind: 'pass' | 'fail'): PolicyTarget[] {
  return parseAllDocuments(readFileSync(fixturePath(policy, kind), 'utf8')).map((document, index) => {
    if (document.errors.length > 0) throw new Error(`${policy}/${kind}.yaml document ${index + 1}: ${document.errors[0]!.message}`);
    return { object: document.toJS() as KubeObject, file: `${policy}/${kind}.yaml#${index + 1}`, cluster: 'fixture' };
  });
}
