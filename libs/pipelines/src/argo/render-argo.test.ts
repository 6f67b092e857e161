import { CronWorkflow, WorkflowTemplate } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { PipelineSpec } from '../spec/pipeline-spec.ts';
import { pipelines } from '../specs/index.ts';
import { sampleTarget } from '../test-support/index.ts';
import { dependsTasks } from './argo-graph.ts';
import { renderArgoPipeline } from './render-argo.ts';

const rendered = Object.fromEntries(pipelines.map((spec) => [spec.id, renderArgoPipeline(spec, sampleTarget)]));
type Objects = (typeof rendered)[string];
const templateOf = (objects: Objects) => objects.find((o) => o.kind === 'WorkflowTemplate')!;
const cronOf = (objects: Objects) => objects.find((o) => o.kind === 'CronWorkflow');
const templates = (objects: Objects) => (templateOf(objects)['spec'] as { templates: Record<string, unknown>[] }).templates;
const stepTemplate = (objects: Objects, name: string) => templates(objects).find((t) => t['name'] === name)!;

describe('Argo Workflows objects', () => {
  it.each(pipelines.map((spec) => spec.id))('writes %s as in its golden file', async (id) => {
    await expect(stringify(rendered[id], { lineWidth: 0 })).toMatchFileSnapshot(`__golden__/${id}.yaml`);
  });

  it.each(pipelines.map((spec) => spec.id))('%s validates against the argo-workflows models', (id) => {
    for (const object of rendered[id]!) {
      const Model = object.kind === 'CronWorkflow' ? CronWorkflow : WorkflowTemplate;
      expect(() => new Model(object as never).validate(), `${object.kind}/${object.metadata.name}`).not.toThrow();
    }
  });

  it('schedules every scheduled pipeline with a CronWorkflow that never overlaps runs', () => {
    expect(cronOf(rendered['drift-monitor']!)!['spec']).toMatchObject({
      schedules: ['@hourly'],
      timezone: 'UTC',
      concurrencyPolicy: 'Forbid',
      workflowSpec: { workflowTemplateRef: { name: 'drift-monitor' } },
    });
    expect((cronOf(rendered['training']!)!['spec'] as { schedules: string[] }).schedules).toEqual(['@weekly']);
  });

  it('retries each step with exponential backoff and archives its logs to the MinIO artifact repository', () => {
    expect(stepTemplate(rendered['training']!, 'step-ingest')['retryStrategy']).toEqual({
      limit: 2,
      retryPolicy: 'Always',
      backoff: { duration: '60s', factor: 2, cap: '600s' },
    });
    expect(templateOf(rendered['training']!)['spec']).toMatchObject({
      artifactRepositoryRef: { configMap: 'artifact-repositories', key: 'minio' },
      archiveLogs: true,
      serviceAccountName: 'pipelines-workflow',
      entrypoint: 'main',
    });
  });

  it('runs every step non-root on a read-only root, with MILLWRIGHT_HOME on an emptyDir', () => {
    const spec = templateOf(rendered['training']!)['spec'] as Record<string, unknown>;
    expect(spec['securityContext']).toEqual({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec['volumes']).toEqual([{ name: 'millwright-home', emptyDir: { sizeLimit: '1Gi' } }]);
    const container = stepTemplate(rendered['training']!, 'step-train-by-auroc')['container'] as Record<string, unknown>;
    expect(container['securityContext']).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container['volumeMounts']).toEqual([{ name: 'millwright-home', mountPath: '/tmp/millwright' }]);
    expect(container['args']).toEqual(['train', '--run-id={{workflow.name}}-auroc', '--from-run={{workflow.name}}', '--seed={{workflow.parameters.seed}}', '--metric=auroc', '--threads=2']);
  });

  it('starts training when drift exits 3, and retries drift on any other failure but not on 3', () => {
    const dag = stepTemplate(rendered['drift-monitor']!, 'main')['dag'] as { tasks: Record<string, unknown>[] };
    expect(dag.tasks).toEqual([
      { name: 'drift', template: 'step-drift' },
      { name: 'retrain', template: 'step-retrain', depends: 'drift.Failed', when: '{{tasks.drift.exitCode}} == 3' },
    ]);
    expect((stepTemplate(rendered['drift-monitor']!, 'step-drift')['retryStrategy'] as { expression: string }).expression).toBe("lastRetry.exitCode != '3'");
    const resource = stepTemplate(rendered['drift-monitor']!, 'step-retrain')['resource'] as { action: string; manifest: string };
    expect(resource.action).toBe('create');
    expect(resource.manifest).toContain('kind: Workflow\nmetadata:\n  generateName: training-\n');
    expect(resource.manifest).toContain('spec:\n  workflowTemplateRef:\n    name: training\n');
  });

  it('runs a step after a when step only once that step ran, never after a crash left it Skipped', () => {
    const spec: PipelineSpec = {
      id: 'drift-then-notify',
      description: 'a drift check, retraining and a step after it',
      steps: [
        { id: 'drift', command: 'drift', options: { failOnDrift: true } },
        { id: 'retrain', trigger: 'training', dependsOn: ['drift'], when: { step: 'drift', exitCode: 3 } },
        { id: 'after-retrain', command: 'evaluate', dependsOn: ['retrain'] },
      ],
    };
    const dag = stepTemplate(renderArgoPipeline(spec, sampleTarget), 'main')['dag'] as { tasks: Record<string, unknown>[] };
    expect(dag.tasks.find((task) => task['name'] === 'after-retrain')!['depends']).toBe('retrain.Succeeded');
  });

  it('reads the tasks of depends expressions', () => {
    expect(dependsTasks('a && (b-2.Failed || !c.Skipped)')).toEqual(['a', 'b-2', 'c']);
  });
});
