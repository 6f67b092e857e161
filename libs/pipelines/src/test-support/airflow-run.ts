import type { DagReport } from './check-dags.ts';
import { dependencyOrder, type RunOutcome, type StepExitCodes } from './pipeline-run.ts';

/** The final states a task instance of our DAGs can reach (airflow.utils.state.TaskInstanceState). */
export type AirflowTaskState = 'success' | 'failed' | 'skipped' | 'upstream_failed';

/** A simulated DAG run: its outcome and every task's final state. */
export interface AirflowRun extends RunOutcome {
  readonly tasks: Readonly<Record<string, AirflowTaskState>>;
}

const failedStates: readonly AirflowTaskState[] = ['failed', 'upstream_failed'];

/**
 * What a trigger rule makes of a task once its upstream tasks are done: run it, or set it
 * skipped or upstream_failed without running it. Modelled on Airflow's TriggerRuleDep
 * (airflow/ti_deps/deps/trigger_rule_dep.py, the same in 2.9, 2.10 and 3.x) for the rules the
 * generated DAGs use; any other rule is refused rather than guessed.
 */
function applyTriggerRule(rule: string, upstream: readonly AirflowTaskState[]): 'run' | AirflowTaskState {
  const failed = upstream.some((state) => failedStates.includes(state));
  const skipped = upstream.includes('skipped');
  const succeeded = upstream.includes('success');
  switch (rule) {
    case 'all_success':
      return failed ? 'upstream_failed' : skipped ? 'skipped' : 'run';
    case 'none_failed':
      return failed ? 'upstream_failed' : 'run';
    case 'all_skipped':
      // Any upstream that is not skipped, a failed one included, skips the task.
      return succeeded || failed ? 'skipped' : 'run';
    case 'all_done':
      return 'run';
    default:
      throw new Error(`trigger rule "${rule}" is not modelled here: add it to applyTriggerRule from Airflow's trigger_rule_dep.py`);
  }
}

/**
 * Runs a DAG file, as check_dag.py read it, the way Airflow's scheduler would once every task
 * has finished: tasks in dependency order; each task's trigger rule (default `all_success`)
 * decides from its upstream states whether it runs; a trainer task (KubernetesPodOperator)
 * ends `success` on exit 0, `skipped` on an exit code in its `skip_on_exit_code`, else
 * `failed`; a TriggerDagRunOperator succeeds and starts its DAG; an EmptyOperator is marked
 * success by the scheduler without running anything. The run's state comes from its leaves, as
 * in DagRun.update_state: failed when any leaf is failed or upstream_failed, else success.
 */
export function simulateAirflowRun(report: DagReport, exitCodes: StepExitCodes): AirflowRun {
  const taskIds = Object.values(report.tasks);
  const edges = report.edges.map(([upstream, downstream]) => [upstream, downstream] as const);
  const states: Record<string, AirflowTaskState> = {};
  const started: string[] = [];
  const triggered: string[] = [];
  for (const taskId of dependencyOrder(taskIds, edges)) {
    const keywords = report.keywords[taskId] ?? {};
    const upstream = edges.filter(([, downstream]) => downstream === taskId).map(([from]) => states[from]!);
    const decision = applyTriggerRule(String(keywords['trigger_rule'] ?? 'all_success'), upstream);
    if (decision !== 'run') {
      states[taskId] = decision;
      continue;
    }
    const operator = report.operators[taskId];
    if (operator === 'trainer_task' || operator === 'KubernetesPodOperator') {
      const exitCode = exitCodes[taskId] ?? 0;
      const skipCodes = (keywords['skip_on_exit_code'] ?? []) as readonly number[];
      started.push(taskId);
      states[taskId] = exitCode === 0 ? 'success' : skipCodes.includes(exitCode) ? 'skipped' : 'failed';
    } else if (operator === 'TriggerDagRunOperator') {
      started.push(taskId);
      triggered.push(String(keywords['trigger_dag_id']));
      states[taskId] = 'success';
    } else if (operator === 'EmptyOperator') {
      states[taskId] = 'success';
    } else {
      throw new Error(`task ${taskId}: operator ${operator} is not modelled here`);
    }
  }
  const leaves = taskIds.filter((taskId) => !edges.some(([upstream]) => upstream === taskId));
  return {
    state: leaves.some((leaf) => failedStates.includes(states[leaf]!)) ? 'failed' : 'success',
    started: started.sort(),
    triggered: triggered.sort(),
    tasks: states,
  };
}
