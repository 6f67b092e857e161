// Issue 15: hand-made violations of each platform rule, sent to a real API server under the
// rendered bindings, meet what README "Admission" documents for each `clusters[].admission`
// setting: Deny refuses with the policy's message, Warn admits with a warning, Audit admits and
// records. Run with `npm run test:cluster`.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue, overlayDir, type AdmissionAction, type Platform } from '@millwright/platform';
import { renderTree } from '@millwright/manifests';
import type { AdmissionPolicy } from '@millwright/policy';
import { startKubeControlPlane, type AuditEvent, type KubeControlPlane } from '@millwright/test-servers';
import { loadPlatform } from './load-platform.ts';
import { describeVerdict, parameterNotFound, refusedBy, type ServerVerdict } from './test-support/admission-verdict.ts';
import { applyStep, dryRunVerdict, refusals, refusedByItsPolicy, verdictsOnceEnforced, warnedByItsPolicy } from './test-support/cluster-rollout.ts';
import { firstRefusal, mutationFindings, type MutationFindings } from './test-support/offline-verdicts.ts';
import { policyMutations, secretWithData, type PolicyMutation } from './test-support/policy-mutations.ts';
import { builtAdmissionOverlay, renderedAdmissionPolicies, withAdmission } from './test-support/rendered-admission-policies.ts';
import { objectsOfCluster } from './test-support/sync-order.ts';
import { validateBuilds } from './validate-builds.ts';

const root = join(import.meta.dirname, '../../..');

/** The audit annotation a ValidatingAdmissionPolicy bound with `Audit` adds to the request's event. */
const validationFailureAnnotation = 'validation.policy.admission.k8s.io/validation_failure';

/** The messages of a policy's violations that come from its CEL validations, as the API server words them. */
const validationMessages = (findings: MutationFindings) => findings.violations.filter((v) => v.validation !== undefined).map((v) => v.message);

/** The policy findings the audit log recorded for requests on `name`. */
function auditedFindings(events: readonly AuditEvent[], name: string): { policy: string; message: string }[] {
  return events
    .filter((event) => event.objectRef?.name === name && event.annotations?.[validationFailureAnnotation] !== undefined)
    .flatMap((event) => JSON.parse(event.annotations![validationFailureAnnotation]!) as { policy: string; message: string }[])
    .map(({ policy, message }) => ({ policy, message }));
}

describe('hand-made violations on a real API server, under the rendered bindings', () => {
  let plane: KubeControlPlane;
  let platform: Platform;
  let cluster: string;
  let mutations: PolicyMutation[];
  let findings: MutationFindings[];
  let deployNamespace: string;

  /** Switches the bindings to `action` (in place, as a sync of the changed config would) and waits until every mutation shows it. */
  async function switchTo(action: AdmissionAction, inForce: (mutation: PolicyMutation, verdict: ServerVerdict) => boolean): Promise<ServerVerdict[]> {
    const applied = await applyStep(plane, `admission-policies (${action})`, await builtAdmissionOverlay(platform, cluster, action));
    expect(refusals([applied])).toEqual([]);
    return verdictsOnceEnforced(plane, mutations, inForce);
  }

  beforeAll(async () => {
    platform = await loadPlatform(join(root, 'platform.config.ts'));
    cluster = platform.clusters[0]!.name;
    const { built } = await validateBuilds(renderTree(withAdmission(platform, 'Deny'), catalogue).files);
    const clusterObjects = objectsOfCluster(built, cluster);
    const policies: AdmissionPolicy[] = renderedAdmissionPolicies(built.get(overlayDir('admission-policies', cluster))!);
    mutations = policyMutations(clusterObjects);
    findings = mutationFindings(policies, mutations, clusterObjects);
    deployNamespace = mutations[0]!.object.metadata.namespace!;

    plane = await startKubeControlPlane({ auditLog: true });
    const setup = [
      await applyStep(plane, `namespaces of ${cluster}`, built.get(overlayDir('namespaces', cluster))!),
      await applyStep(plane, 'what the hand-made violations need', mutations.flatMap((m) => m.setup)),
    ];
    expect(refusals(setup)).toEqual([]);
  });

  afterAll(async () => {
    await plane?.destroy();
  });

  it('are each caught offline by exactly one policy, and cover every policy the clusters enforce', () => {
    expect(mutations.map((m, index) => `${m.rule}: ${findings[index]!.failing.join(', ')}`)).toEqual(mutations.map((m) => `${m.rule}: ${m.policy}`));
    expect(new Set(mutations.map((m) => m.policy)).size).toBe(10);
  });

  describe('with the bindings on Deny (the default)', () => {
    let verdicts: ServerVerdict[];

    beforeAll(async () => {
      verdicts = await switchTo('Deny', refusedByItsPolicy);
    });

    it("refuses each, with its policy's message", () => {
      expect(verdicts.map((v, index) => `${mutations[index]!.rule}: ${describeVerdict(v)}`)).toEqual(
        mutations.map((m, index) => `${m.rule}: ${firstRefusal(m.policy, findings[index]!)}`),
      );
    });

    it('admits a Secret with data: millwright-no-literal-secrets judges Git, and in the cluster Secrets carry data by design', async () => {
      expect(describeVerdict(await dryRunVerdict(plane, secretWithData(deployNamespace)))).toBe('admitted');
    });
  });

  describe('with the bindings on Warn', () => {
    let verdicts: ServerVerdict[];

    beforeAll(async () => {
      verdicts = await switchTo('Warn', warnedByItsPolicy);
    });

    it('admits each violation of a validation and sends its policy\'s every message back as a warning', () => {
      const validated = mutations.flatMap((m, index) => (m.missingParameter ? [] : [{ m, verdict: verdicts[index]!, findings: findings[index]! }]));
      expect(validated.map(({ m, verdict }) => `${m.rule}: ${describeVerdict(verdict)}`)).toEqual(
        validated.map(({ m, findings }) => `${m.rule}: admitted with warnings ${validationMessages(findings).map((message) => `${m.policy}: "${message}"`).join('; ')}`),
      );
    });

    it('still refuses a workload whose namespace has no default-deny NetworkPolicy: parameterNotFoundAction Deny refuses whatever the binding says', () => {
      const missing = mutations.flatMap((m, index) => (m.missingParameter ? [`${m.rule}: ${describeVerdict(verdicts[index]!)}`] : []));
      expect(missing).toEqual([`runs in a namespace without a default-deny NetworkPolicy: ${refusedBy({ policy: 'millwright-default-deny-network-policy', message: parameterNotFound })}`]);
    });
  });

  describe('with the bindings on Audit', () => {
    let verdicts: ServerVerdict[];

    beforeAll(async () => {
      // In force once nothing warns any more (Warn's leftovers) and the missing parameter is still refused.
      verdicts = await switchTo('Audit', (m, v) => (m.missingParameter ? v.deniedBy?.policy === m.policy : v.admitted && v.policyWarnings.length === 0));
    });

    it('admits each violation of a validation without a warning', () => {
      const validated = mutations.flatMap((m, index) => (m.missingParameter ? [] : [`${m.rule}: ${describeVerdict(verdicts[index]!)}`]));
      expect(validated).toEqual(mutations.filter((m) => !m.missingParameter).map((m) => `${m.rule}: admitted`));
    });

    it("records each in the API server's audit log, with its policy's first message", () => {
      // The API server sets the validation_failure annotation once per request: a second failed
      // validation of the same request is not added, so the log names the first.
      const events = plane.auditEvents();
      const validated = mutations.flatMap((m, index) => (m.missingParameter ? [] : [{ m, findings: findings[index]! }]));
      expect(validated.map(({ m }) => `${m.rule}: ${[...new Set(auditedFindings(events, m.object.metadata.name).map((f) => `${f.policy}: ${f.message}`))].join('; ')}`)).toEqual(
        validated.map(({ m, findings }) => `${m.rule}: ${m.policy}: ${validationMessages(findings)[0]}`),
      );
    });

    it('still refuses a workload whose namespace has no default-deny NetworkPolicy', () => {
      const missing = mutations.flatMap((m, index) => (m.missingParameter ? [describeVerdict(verdicts[index]!)] : []));
      expect(missing).toEqual([refusedBy({ policy: 'millwright-default-deny-network-policy', message: parameterNotFound })]);
    });
  });
});
