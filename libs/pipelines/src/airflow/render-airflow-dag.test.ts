import { describe, expect, it } from 'vitest';
import { pipelines } from '../specs/index.ts';
import { checkDags, sampleTarget } from '../test-support/index.ts';
import { airflowTaskGraph, renderAirflowDag } from './render-airflow-dag.ts';

/**
 * What a generated DAG may import: Airflow (core and providers), the Kubernetes client models the
 * cncf.kubernetes provider takes (V1ResourceRequirements, V1SecurityContext, ...), and the
 * standard library (here `__future__`, `datetime`, `re`).
 */
const allowedThirdParty = ['airflow', 'kubernetes'];

const sources = Object.fromEntries(pipelines.map((spec) => [`${spec.id}.py`, renderAirflowDag(spec, sampleTarget)]));
const reports = checkDags(sources);

describe('Airflow DAG files', () => {
  it.each(pipelines.map((spec) => spec.id))('writes %s as in its golden file', async (id) => {
    await expect(sources[`${id}.py`]).toMatchFileSnapshot(`__golden__/${id}.py`);
  });

  it.each(pipelines.map((spec) => spec.id))('%s compiles and imports only airflow, kubernetes and the standard library', (id) => {
    const report = reports[`${id}.py`]!;
    expect(report.imports.filter((name) => !report.stdlib.includes(name))).toEqual(allowedThirdParty);
    expect(report.stdlib).toEqual(['__future__', 'datetime', 're']);
  });

  it.each(pipelines.map((spec) => spec.id))('%s reads no undefined name', (id) => {
    expect(reports[`${id}.py`]!.undefined).toEqual([]);
  });

  it.each(pipelines)('wires every task of $id as its spec says, with its failure guards', (spec) => {
    const report = reports[`${spec.id}.py`]!;
    const graph = airflowTaskGraph(spec);
    expect(Object.values(report.tasks).sort()).toEqual(graph.nodes);
    expect(report.edges).toEqual(graph.edges);
  });

  it('starts each step from the banner and names the spec it came from', () => {
    const [first, second] = sources['training.py']!.split('\n');
    expect(first).toBe(sampleTarget.banner);
    expect(second).toBe('# Pipeline spec: libs/pipelines/src/specs/training.ts (show it with: npm run dags -- show training)');
  });

  it('runs every trainer step in a KubernetesPodOperator with the verified arguments', () => {
    for (const report of Object.values(reports)) {
      expect(report.calls['KubernetesPodOperator']).toEqual([
        '**',
        'arguments',
        'container_resources',
        'container_security_context',
        'env_vars',
        'get_logs',
        'image',
        'labels',
        'name',
        'namespace',
        'on_finish_action',
        'secrets',
        'security_context',
        'service_account_name',
        'task_id',
        'volume_mounts',
        'volumes',
      ]);
    }
    const source = sources['training.py']!;
    expect(source).toContain('        on_finish_action="delete_pod",\n        get_logs=True,\n');
    expect(source).toContain('    Secret("env", "PGPASSWORD", "postgres-credentials", "telemetry-password"),');
    expect(source).toContain('IMAGE = "ghcr.io/millwright-platform/millwright-trainer:0.1.0"');
  });

  it('schedules without catch-up from an explicit start date, retrying with exponential backoff', () => {
    const source = sources['training.py']!;
    expect(source).toContain('    schedule="@weekly",\n    start_date=datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc),\n    catchup=False,\n');
    expect(source).toContain('        "retries": 2,\n        "retry_delay": datetime.timedelta(seconds=60),\n        "retry_exponential_backoff": True,\n');
    expect(source).toContain('    tags=["millwright", "training"],');
  });

  it('gives each training branch its own run, started from the shared prepare', () => {
    const keywords = reports['training.py']!.keywords;
    expect(keywords['train-by-f1']!['arguments']).toEqual([
      'train',
      '--run-id={{ run_id | trainer_run_id }}-f1',
      '--from-run={{ run_id | trainer_run_id }}',
      '--seed={{ params.seed }}',
      '--metric=f1',
      '--threads=2',
    ]);
    expect(keywords['promote-auroc']!['arguments']).toEqual([
      'promote',
      '--run-id={{ run_id | trainer_run_id }}-auroc',
      '--metric={{ params.promotion_metric }}',
      '--margin={{ params.margin }}',
      '--model={{ params.model }}',
    ]);
  });

  it('maps drift exit code 3 to a skipped task that triggers training', () => {
    const keywords = reports['drift-monitor.py']!.keywords;
    expect(keywords['drift']!['skip_on_exit_code']).toEqual([3]);
    expect(keywords['retrain']).toEqual({ task_id: 'retrain', trigger_dag_id: 'training', wait_for_completion: false, trigger_rule: 'all_skipped' });
    expect(reports['drift-monitor.py']!.imports).toContain('airflow');
    expect(sources['drift-monitor.py']).toContain('from airflow.providers.standard.operators.trigger_dagrun import TriggerDagRunOperator');
  });

  it('ends a drift-monitor run failed when drift fails: a leaf that is upstream_failed then, never skipped', () => {
    const report = reports['drift-monitor.py']!;
    expect(report.operators['drift-not-failed']).toBe('EmptyOperator');
    expect(report.keywords['drift-not-failed']).toEqual({ task_id: 'drift-not-failed', trigger_rule: 'none_failed' });
    expect(report.edges).toContainEqual(['drift', 'drift-not-failed']);
    expect(sources['drift-monitor.py']).toContain('    from airflow.providers.standard.operators.empty import EmptyOperator\n');
    expect(sources['drift-monitor.py']).toContain('    from airflow.operators.empty import EmptyOperator\n');
  });

  it('adds no failure guard where no step waits on an exit code', () => {
    expect(reports['training.py']!.calls['EmptyOperator']).toBeUndefined();
    expect(sources['training.py']).not.toContain('EmptyOperator');
  });

  it('is deterministic', () => {
    for (const spec of pipelines) expect(renderAirflowDag(spec, sampleTarget)).toBe(sources[`${spec.id}.py`]);
  });
});

describe('the DAG checker', () => {
  it('catches an undefined name, a foreign import and a task wired to nothing known', () => {
    const report = checkDags({
      'bad.py': 'import requests\nfrom airflow import DAG\n\nwith DAG(dag_id="x") as dag:\n    a = KubernetesPodOperator(task_id="a")\n    a >> b\n',
    })['bad.py']!;
    expect(report.imports.filter((name) => !report.stdlib.includes(name))).toEqual(['airflow', 'requests']);
    expect(report.undefined).toEqual(['KubernetesPodOperator', 'b']);
    expect(report.edges).toEqual([['a', '<unknown variable b>']]);
  });
});
