// `npm run gitops -- secrets` (the kubectl script) and the Day 0 program create the same Secrets,
// with the same keys and the same sharing, from one definition (requiredSecrets, secretKeySource).
import { compareSync } from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { buildPlatform, catalogue, resolvePlatform, type PlatformConfig } from '@millwright/platform';
import { allTopologies, sampleConfig, sampleConfigWithOptionals } from '@millwright/platform/testing';
// The script generator is the other app's; a test may read it (eslint exempts tests from the boundaries).
import { formatSecretsScript } from '../../gitops/src/secrets-script.ts';
import { planFor, runUnderMocks, sampleStackConfig } from './test-support/mock-run.ts';

/** Where each key of each Secret gets its value: `own`, or a class of keys that hold the same value, or an htpasswd line of two classes. */
type Sharing = Record<string, string>;

/** Numbers the classes in order of first use, so two descriptions of the same sharing compare equal. */
function canonical(sources: ReadonlyMap<string, { kind: 'own' } | { kind: 'same'; id: string } | { kind: 'htpasswd'; user: string; password: string }>): Sharing {
  const ids = new Map<string, number>();
  const idOf = (id: string) => ids.get(id) ?? (ids.set(id, ids.size), ids.size - 1);
  return Object.fromEntries(
    [...sources.keys()].sort().map((key) => {
      const source = sources.get(key)!;
      if (source.kind === 'own') return [key, 'own'];
      if (source.kind === 'same') return [key, `value ${idOf(source.id)}`];
      return [key, `htpasswd of value ${idOf(source.user)} and value ${idOf(source.password)}`];
    }),
  );
}

/**
 * The sharing the script writes: each key's value is assigned just before its Secret is created
 * (`value_KEY="$VAR"`, a random value, or an htpasswd line of two variables), then passed as
 * `--from-literal=KEY="$value_KEY"`.
 */
function scriptSharing(script: string): Sharing {
  const sources = new Map();
  for (const section of script.split(/^(?=# cluster \S+$)/m).slice(1)) {
    const cluster = /^# cluster (\S+)/.exec(section)![1]!;
    for (const [, assignments, namespace, name, literals] of section.matchAll(/((?:^ {2}value_\w+=.*\n)*)^ {2}kubectl -n (\S+) create secret generic (\S+) (.*) >\/dev\/null/gm)) {
      const assigned = new Map([...assignments!.matchAll(/^ {2}(value_\w+)=(.*)$/gm)].map(([, variable, value]) => [variable!, value!]));
      for (const literal of literals!.split(/ (?=--from-literal=)/)) {
        const key = literal.slice('--from-literal='.length, literal.indexOf('=', '--from-literal='.length));
        const variable = /^--from-literal=[^=]+="\$(value_\w+)"$/.exec(literal)?.[1];
        const value = variable === undefined ? undefined : assigned.get(variable);
        const where = `${cluster}/${namespace}/${name}.${key}`;
        const htpasswd = /^\$\(htpasswd -nbB "\$(\w+)" "\$(\w+)"\)$/.exec(value ?? '');
        if (htpasswd) sources.set(where, { kind: 'htpasswd', user: htpasswd[1], password: htpasswd[2] });
        else if (value !== undefined && /^"\$\w+"$/.test(value)) sources.set(where, { kind: 'same', id: value.slice(2, -1) });
        else if (value === '$(openssl rand -hex 24)') sources.set(where, { kind: 'own' });
        else throw new Error(`${where}: the script sets a value this test does not know: ${literal} (${value})`);
      }
    }
  }
  return canonical(sources);
}

/** The sharing the program declares: equal values share, an htpasswd line names the user and the password it was made from. */
async function programSharing(config: PlatformConfig): Promise<Sharing> {
  const run = await runUnderMocks(planFor(config, sampleStackConfig('argocd', config)));
  const clusters = config.clusters.map((c) => c.name);
  const secrets = run.resources.filter((r) => r.type === 'kubernetes:core/v1:Secret' && clusters.some((c) => r.name.startsWith(`${c}/millwright-`)));
  const values = secrets.flatMap((secret) => Object.entries(secret.inputs['stringData'] as Record<string, string>).map(([key, value]) => ({ where: `${secret.name}.${key}`, value })));
  const count = (value: string) => values.filter((v) => v.value === value).length;
  const sharedValues = run.plan.shared.map((shared) => run.generated.get(`shared/${shared.name}`)!);
  const sources = new Map();
  for (const { where, value } of values) {
    const line = /^([^:\n]+):(\$2y\$\d\d\$[./A-Za-z0-9]{53})$/.exec(value);
    const password = line && sharedValues.find((candidate) => compareSync(candidate, line[2]!));
    if (line && password) sources.set(where, { kind: 'htpasswd', user: line[1], password });
    // A value that is a shared one is shared even where one Secret alone holds it on this platform.
    else if (count(value) > 1 || sharedValues.includes(value)) sources.set(where, { kind: 'same', id: value });
    else sources.set(where, { kind: 'own' });
  }
  return canonical(sources);
}

const platforms = [
  ...allTopologies.map((topology) => ({ name: `the ${topology} sample`, config: sampleConfig(topology) })),
  ...allTopologies.map((topology) => ({ name: `the ${topology} sample with every optional component`, config: sampleConfigWithOptionals(topology) })),
];

describe.each(platforms)('the Secrets of $name', ({ config }) => {
  it('are the same Secrets, keys and sharing in the secrets script and in the Day 0 program', async () => {
    const platform = resolvePlatform(config, catalogue);
    const script = scriptSharing(formatSecretsScript(platform, buildPlatform(platform, catalogue)));
    expect(Object.keys(script).length).toBeGreaterThan(0);
    expect(await programSharing(config)).toEqual(script);
  });
});
