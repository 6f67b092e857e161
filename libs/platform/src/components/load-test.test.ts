import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ai4iContract, validateInput } from '@millwright/contract';
import { allTopologies } from '../test-support/index.ts';
import { buildSample, componentNamed, renderedObjects } from '../test-support/rendered-platform.ts';
import { k6Script, loadTestThresholds } from './load-test.ts';

/** Evaluates the k6 script without k6: its imports dropped, its options and request-body generator returned. */
function evaluateScript(script: string): { options: { thresholds: Record<string, string[]> }; randomRow: () => unknown } {
  const body = script
    .replace(/^import .*$/gm, '')
    .replace('export const options', 'const options')
    .replace('export default function', 'function iteration');
  const evaluated = runInNewContext(`${body}\n({ options, randomRow })`, { Math }) as ReturnType<typeof evaluateScript>;
  // Through JSON, as the request sends it: plain objects of this realm.
  return { options: JSON.parse(JSON.stringify(evaluated.options)), randomRow: () => JSON.parse(JSON.stringify(evaluated.randomRow())) as unknown };
}

describe('the k6 load test', () => {
  const script = k6Script();

  it('sets thresholds on P95 and P99 latency and on the error rate', () => {
    expect(evaluateScript(script).options.thresholds).toEqual({
      http_req_duration: [`p(95)<${loadTestThresholds.p95Ms}`, `p(99)<${loadTestThresholds.p99Ms}`],
      http_req_failed: [`rate<${loadTestThresholds.errorRate}`],
    });
  });

  it('sends request bodies the model contract accepts', () => {
    const { randomRow } = evaluateScript(script);
    for (let i = 0; i < 200; i++) expect(validateInput(ai4iContract(), randomRow()).ok).toBe(true);
  });

  it('posts to /predict of the inference API it is given', () => {
    expect(script).toContain('http.post(`${__ENV.INFERENCE_API_URL}/predict`');
  });

  it.each(allTopologies)('is a suspended CronJob next to the inference API, reaching only it, under %s', (topology) => {
    const built = buildSample(topology);
    const loadTest = componentNamed(built, 'load-test');
    expect(loadTest.clusters).toEqual(componentNamed(built, 'inference-api').clusters);
    const cronJob = loadTest.objects.find((o) => o.kind === 'CronJob')!;
    expect(cronJob['spec']).toMatchObject({ suspend: true, concurrencyPolicy: 'Forbid' });
    const egress = renderedObjects(loadTest).filter((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'load-test-egress');
    const rules = egress.flatMap((policy) => (policy['spec'] as { egress: { to: { podSelector?: { matchLabels: Record<string, string> } }[] }[] }).egress);
    expect(rules.flatMap((rule) => rule.to.map((peer) => peer.podSelector?.matchLabels['millwright.io/component']))).toEqual(
      rules.map(() => 'inference-api'),
    );
  });

  it('runs k6 pinned, non-root, with a read-only root', () => {
    const cronJob = componentNamed(buildSample('hybrid'), 'load-test').objects.find((o) => o.kind === 'CronJob')!;
    const pod = (cronJob['spec'] as { jobTemplate: { spec: { template: { spec: { securityContext: object; containers: { image: string; securityContext: object }[] } } } } }).jobTemplate.spec.template.spec;
    expect(pod.containers[0]!.image).toBe('docker.io/grafana/k6:1.3.0');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 12345 });
    expect(pod.containers[0]!.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
  });
});
