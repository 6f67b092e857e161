import { describe, expect, it } from 'vitest';
import type { IEnvVar } from 'kubernetes-models/v1';
import { describeObject } from '@millwright/platform';
import { allTopologies } from '@millwright/platform/testing';
import { buildSample, containersOf, renderedObjects } from '../test-support/rendered-platform.ts';

const mentionsCredential = /PASSWORD|TOKEN|KEY|SECRET/i;

/** Every container's env under a topology, each with where it was found. */
function envVars(topology: (typeof allTopologies)[number]): { where: string; env: readonly IEnvVar[] }[] {
  return buildSample(topology)
    .flatMap(renderedObjects)
    .flatMap((object) => containersOf(object).map((c) => ({ where: `${describeObject(object)} ${c.name}`, env: c.env ?? [] })));
}

/** The password of a URL's user info, e.g. `$(DATABASE_PASSWORD)` of `postgresql://u:$(DATABASE_PASSWORD)@host`. */
const urlPassword = (value: string) => /^[a-z]+:\/\/[^:@/]*:([^@]*)@/.exec(value)?.[1];

describe.each(allTopologies)('credentials under %s', (topology) => {
  it('renders no Secret: the operator creates them', () => {
    expect(buildSample(topology).flatMap(renderedObjects).filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  it('reads every env var that names a credential from a Secret', () => {
    for (const { where, env } of envVars(topology)) {
      for (const variable of env.filter((e) => mentionsCredential.test(e.name))) {
        expect(variable.valueFrom?.secretKeyRef?.key, `${where} ${variable.name}`).toBeTruthy();
      }
    }
  });

  it('embeds a password in a URL only as $(VAR) of a Secret-backed var declared before it', () => {
    for (const { where, env } of envVars(topology)) {
      env.forEach((variable, index) => {
        const password = urlPassword(variable.value ?? '');
        if (password === undefined) return;
        const reference = /^\$\(([A-Z_]+)\)$/.exec(password)?.[1];
        const earlier = env.slice(0, index).find((e) => e.name === reference);
        expect(earlier?.valueFrom?.secretKeyRef, `${where} ${variable.name}`).toBeDefined();
      });
    }
  });

  it('writes no literal value into an env var that mentions a credential', () => {
    for (const { where, env } of envVars(topology)) {
      for (const variable of env.filter((e) => e.value !== undefined && mentionsCredential.test(e.value))) {
        expect(urlPassword(variable.value!), `${where} ${variable.name}`).toMatch(/^\$\([A-Z_]+\)$/);
      }
    }
  });
});
