import { describe, expect, it } from 'vitest';
import { PipelineSpecError, pipelines, type PipelineSpec } from '@millwright/pipelines';
import { catalogue } from './catalogue.ts';
import { renderPipelineDags } from './pipelines.ts';
import { resolvePlatform } from '../config/resolve-platform.ts';
import type { KubeObject } from '../kube/kube-object.ts';
import { imageReference } from '../kube/workload.ts';
import { ownImage } from '../model/build-component.ts';
import { names } from '../model/names.ts';
import { allTopologies, sampleConfig } from '../test-support/index.ts';
import { buildSample, componentNamed } from '../test-support/rendered-platform.ts';

const digest = `sha256:${'a'.repeat(64)}`;

function workflowTemplates(topology = 'hybrid' as const, changes = {}) {
  return componentNamed(buildSample(topology, changes), 'pipelines').objects.filter((o) => o.kind === 'WorkflowTemplate');
}

function images(template: KubeObject): string[] {
  const spec = template['spec'] as { templates: { container?: { image: string } }[] };
  return spec.templates.flatMap((t) => (t.container ? [t.container.image] : []));
}

describe('the pipelines component', () => {
  it.each(allTopologies)('runs the pipelines in the cloud when there is one, under %s', (topology) => {
    const pipelinesComponent = componentNamed(buildSample(topology), 'pipelines');
    expect(pipelinesComponent.clusters.map((c) => c.role)).toEqual([topology === 'edge-only' ? 'edge' : 'cloud']);
    expect(pipelinesComponent.namespace).toBe('millwright-it');
  });

  it('runs every Argo step in the trainer image resolved like every own app, promoted digest included', () => {
    const platform = resolvePlatform(sampleConfig('hybrid'), catalogue);
    for (const template of workflowTemplates()) expect(new Set(images(template))).toEqual(new Set([imageReference(ownImage(platform, 'trainer'))]));
    const pinned = resolvePlatform(sampleConfig('hybrid'), catalogue, 'platform.config.ts', { trainer: { tag: '0.2.0', digest } });
    const dags = renderPipelineDags(pinned, catalogue);
    expect(dags.map((f) => f.path)).toEqual(pipelines.map((p) => `${names.dagsRoot}/${p.id}.py`));
    for (const dag of dags) expect(dag.content).toContain(`IMAGE = "ghcr.io/millwright-platform/millwright-trainer:0.2.0@${digest}"`);
  });

  it('gives the DAG files and the WorkflowTemplates the same image, namespace and Secrets', () => {
    const platform = resolvePlatform(sampleConfig('hybrid'), catalogue);
    const [template] = workflowTemplates();
    const [dag] = renderPipelineDags(platform, catalogue);
    expect(dag!.content).toContain(`IMAGE = "${images(template!)[0]}"`);
    expect(dag!.content).toContain('NAMESPACE = "millwright-it"');
    expect(dag!.content).toContain('    Secret("env", "AWS_ACCESS_KEY_ID", "minio-pipelines-credentials", "access-key"),');
    const container = (template!['spec'] as { templates: { container?: { env: unknown[] } }[] }).templates.find((t) => t.container)!.container!;
    expect(container.env).toContainEqual({ name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 'minio-pipelines-credentials', key: 'access-key' } } });
    expect(container.env).toContainEqual({ name: 'MLFLOW_TRACKING_URI', value: 'http://mlflow.millwright-it.svc.cluster.local:5000' });
    expect(container.env).toContainEqual({ name: 'MILLWRIGHT_RUNS_URI', value: 's3://pipelines/runs' });
  });

  it('fails the render when a spec is wrong, naming the spec file and the step', () => {
    const platform = resolvePlatform(sampleConfig('hybrid'), catalogue);
    const broken: PipelineSpec = { id: 'broken', description: 'x', steps: [{ id: 'train', command: 'train', dependsOn: ['prepare'] }] };
    expect(() => renderPipelineDags(platform, catalogue, [...pipelines, broken])).toThrow(PipelineSpecError);
    expect(() => renderPipelineDags(platform, catalogue, [...pipelines, broken])).toThrow(
      'libs/pipelines/src/specs/broken.ts: 1 problem\n  step "train": depends on unknown step "prepare"; the steps are train',
    );
  });

  it('renders no DAG when the pipelines component is disabled', () => {
    const platform = resolvePlatform({ ...sampleConfig('hybrid'), components: { pipelines: { enabled: false } } }, catalogue);
    expect(renderPipelineDags(platform, catalogue)).toEqual([]);
  });

  it('lets only the Argo executor reach the Kubernetes API, with the least RBAC it needs', () => {
    const objects = componentNamed(buildSample('hybrid'), 'pipelines').objects;
    const role = objects.find((o) => o.kind === 'Role')!;
    expect(role['rules']).toEqual([
      { apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] },
      { apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['create', 'get'] },
    ]);
    const stepAccount = objects.find((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'pipelines-step')!;
    expect(stepAccount['automountServiceAccountToken']).toBe(false);
  });
});
