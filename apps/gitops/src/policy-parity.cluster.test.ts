// Issue 15: the offline runner re-implements what the API server does at admission. Every pass
// and fail fixture of every policy the platform renders into clusters goes through both, under
// the rendered bindings, and the verdicts must agree object by object. Run with
// `npm run test:cluster`.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue, describeObject, names, overlayDir, type KubeObject } from '@millwright/platform';
import { renderTree } from '@millwright/manifests';
import type { AdmissionPolicy } from '@millwright/policy';
import { loadFixture } from '@millwright/policy/testing';
import { startKubeControlPlane, type KubeControlPlane } from '@millwright/test-servers';
import { loadPlatform } from './load-platform.ts';
import { parityDisagreements, parityTable, type FixtureObjectVerdicts, type RefusedBeforeAdmission } from './test-support/admission-parity.ts';
import { serverVerdict, type ServerVerdict } from './test-support/admission-verdict.ts';
import { inTurns } from './in-turns.ts';
import { applyStep, dryRunsInFlight, dryRunVerdict, refusals, refusedByItsPolicy, verdictsOnceEnforced, warnedByItsPolicy } from './test-support/cluster-rollout.ts';
import { isolateFixture, type IsolatedFixture } from './test-support/isolated-fixture.ts';
import { offlineVerdicts, readByAdmission } from './test-support/offline-verdicts.ts';
import { policyMutations } from './test-support/policy-mutations.ts';
import { builtAdmissionOverlay, renderedAdmissionPolicies, withAdmission } from './test-support/rendered-admission-policies.ts';
import { objectsOfCluster } from './test-support/sync-order.ts';
import { validateBuilds } from './validate-builds.ts';

const root = join(import.meta.dirname, '../../..');
const fixtureKinds = ['pass', 'fail'] as const;

/**
 * Fixture objects no API server lets reach admission, whatever the policy says: the runner also
 * gates hand-written YAML, which nothing has decoded yet.
 */
const refusedBeforeAdmission: readonly RefusedBeforeAdmission[] = [
  {
    file: 'millwright-resources-declared/fail.yaml#3',
    refusal: /quantities must match the regular expression/,
    reason: 'the API server cannot decode 256MB as a quantity, so the validation for invalid quantities only ever fires offline',
  },
];

/** One fixture file of one policy, made ready for the shared API server. */
interface Fixture {
  readonly policy: string;
  readonly kind: (typeof fixtureKinds)[number];
  readonly files: readonly string[];
  readonly isolated: IsolatedFixture;
}

describe('the offline runner and the API server, on every policy fixture', () => {
  let plane: KubeControlPlane;
  let cluster: string;
  let warnPolicies: AdmissionPolicy[];
  let denyPolicies: AdmissionPolicy[];
  let fixtures: Fixture[];
  let cases: FixtureObjectVerdicts[];

  beforeAll(async () => {
    const platform = await loadPlatform(join(root, 'platform.config.ts'));
    cluster = platform.clusters[0]!.name;
    const admissionOverlay = overlayDir('admission-policies', cluster);
    const namespacesOverlay = overlayDir('namespaces', cluster);
    const denyBuild = await validateBuilds(renderTree(withAdmission(platform, 'Deny'), catalogue).files);
    const clusterObjects = objectsOfCluster(denyBuild.built, cluster);
    const denyAdmission = denyBuild.built.get(admissionOverlay)!;
    const warnAdmission = await builtAdmissionOverlay(platform, cluster, 'Warn');
    denyPolicies = renderedAdmissionPolicies(denyAdmission);
    warnPolicies = renderedAdmissionPolicies(warnAdmission);
    const platformNamespaces = denyBuild.built.get(namespacesOverlay)!;
    const itNamespace = platformNamespaces.find((o) => o.kind === 'Namespace' && o.metadata.labels?.[names.labels.millwrightPlane] === 'it')!;

    fixtures = denyPolicies.flatMap((policy, index) =>
      fixtureKinds.map((kind, k) => {
        const targets = loadFixture(policy.name, kind);
        return { policy: policy.name, kind, files: targets.map((t) => t.file), isolated: isolateFixture(targets.map((t) => t.object), `fx${index * 2 + k}`, itNamespace.metadata.labels!) };
      }),
    );

    plane = await startKubeControlPlane();
    // The platform's namespaces and the Warn bindings; the hand-made violations show when they are in force.
    const mutations = policyMutations(clusterObjects);
    const setup = [
      await applyStep(plane, namespacesOverlay, platformNamespaces),
      await applyStep(plane, `${admissionOverlay} (Warn)`, warnAdmission),
      await applyStep(plane, 'what the hand-made violations need', mutations.flatMap((m) => m.setup)),
    ];
    if (refusals(setup).length > 0) throw new Error(`setting up the parity cluster failed: ${refusals(setup).join('\n')}`);
    await verdictsOnceEnforced(plane, mutations, warnedByItsPolicy);

    // Bindings on Warn: every policy's findings come back as warnings. What admission reads is
    // created first, all of it before any dry run, so no lookup races the API server's caches.
    const contextVerdicts = new Map<KubeObject, ServerVerdict>();
    for (const fixture of fixtures) {
      await applyStep(plane, `${fixture.policy}/${fixture.kind}.yaml namespaces`, fixture.isolated.namespaces);
      for (const object of fixture.isolated.objects.filter(readByAdmission)) contextVerdicts.set(object, serverVerdict(await plane.apply(JSON.stringify(object))));
    }
    const everyObject = fixtures.flatMap((fixture) => fixture.isolated.objects);
    const warnVerdicts = await inTurns(everyObject, (object) => (contextVerdicts.has(object) ? Promise.resolve(contextVerdicts.get(object)!) : dryRunVerdict(plane, object)), dryRunsInFlight);

    // Bindings on Deny, as the clusters run them by default.
    await applyStep(plane, `${admissionOverlay} (Deny)`, denyAdmission);
    await verdictsOnceEnforced(plane, mutations, refusedByItsPolicy);
    const denyVerdicts = await inTurns(everyObject, (object) => dryRunVerdict(plane, object), dryRunsInFlight);

    let next = 0;
    cases = fixtures.flatMap((fixture) => {
      const offlineWarn = offlineVerdicts(warnPolicies, fixture.isolated.objects, fixture.isolated.namespaces);
      const offlineDeny = offlineVerdicts(denyPolicies, fixture.isolated.objects, fixture.isolated.namespaces);
      return fixture.isolated.objects.map((object, index) => {
        const at = next++;
        return {
          file: fixture.files[index]!,
          policy: fixture.policy,
          object: describeObject(object),
          offlineWarn: offlineWarn[index]!,
          offlineDeny: offlineDeny[index]!,
          serverWarn: warnVerdicts[at]!,
          serverDeny: denyVerdicts[at]!,
        };
      });
    });
  });

  afterAll(async () => {
    await plane?.destroy();
  });

  it('covers every policy the platform renders into clusters, each with its pass and fail fixture', () => {
    const covered = [...new Set(cases.map((c) => c.file.replace(/#\d+$/, '')))].sort();
    expect(covered).toEqual(denyPolicies.flatMap((p) => fixtureKinds.map((kind) => `${p.name}/${kind}.yaml`)).sort());
  });

  it('gets the same verdict offline and from the API server on every fixture object, policy by policy and with the bindings on Deny', () => {
    console.log(`policy parity on cluster ${cluster}'s bindings, ${cases.length} fixture objects:\n${parityTable(cases, refusedBeforeAdmission)}`);
    expect(parityDisagreements(cases, denyPolicies.map((p) => p.name), refusedBeforeAdmission)).toEqual([]);
  });

  it('tests the fail fixtures at admission: the API server refuses every object the runner fails', () => {
    const failed = cases.filter((c) => c.file.includes('/fail.yaml') && c.offlineDeny.some((r) => r.policy === c.policy && r.outcome === 'fail'));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.filter((c) => c.serverDeny.admitted).map((c) => c.file)).toEqual([]);
  });

  it('reports a disagreement naming policy, fixture and both verdicts when a policy is altered offline (a test of the test)', () => {
    // The runner is handed a copy of images-pinned whose :latest rule can never fail; the API server keeps the real one.
    const altered = (policies: readonly AdmissionPolicy[]) =>
      policies.map((p) => {
        if (p.name !== 'millwright-images-pinned') return p;
        const validations = p.policy.spec!.validations!.map((v, index) => (index === 0 ? { ...v, expression: 'true' } : v));
        return { ...p, policy: { ...p.policy, spec: { ...p.policy.spec!, validations } } };
      });
    const alteredCases = fixtures.flatMap((fixture) => {
      const offlineWarn = offlineVerdicts(altered(warnPolicies), fixture.isolated.objects, fixture.isolated.namespaces);
      const offlineDeny = offlineVerdicts(altered(denyPolicies), fixture.isolated.objects, fixture.isolated.namespaces);
      return cases.filter((c) => fixture.files.includes(c.file)).map((c, index) => ({ ...c, offlineWarn: offlineWarn[index]!, offlineDeny: offlineDeny[index]! }));
    });
    const disagreements = parityDisagreements(alteredCases, denyPolicies.map((p) => p.name), refusedBeforeAdmission);
    expect(disagreements).toContainEqual(
      expect.stringMatching(
        /^millwright-images-pinned\/fail\.yaml#1 \(Deployment\/fx\d+-apps\/latest\) under millwright-images-pinned: offline pass, API server fail \("container\(s\) app use the mutable tag :latest; pin a version tag"\)$/,
      ),
    );
  });
});
