#!/usr/bin/env node
// The pipeline generator's CLI: list the pipeline specs, show one as the Airflow DAG or Argo
// objects `npm run render` writes, print its step graph, validate specs (a new one too, before
// it is added). Rendering and writing belong to `npm run render` (apps/gitops, the one writer).
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { names } from '@millwright/kube';
import {
  PipelineSpecError,
  isTrainerStep,
  orderedSteps,
  pipelines,
  specFile,
  stepGraph,
  trainerArgs,
  validatePipelines,
  type ArgPart,
  type PipelineSpec,
} from '@millwright/pipelines';

const usage = `usage: dags <command> [options]
  list                          the pipelines: schedule, steps, what they trigger
  graph <pipeline>              the steps in order, each with its trainer command line and dependencies
  show <pipeline> [--engine airflow|argo]
                                the generated DAG file (dags/<pipeline>.py) or WorkflowTemplate, as rendered
  validate [--spec <file.ts>]   check every spec (and the ones a new file exports, by name or default) as the render does
Specs: libs/pipelines/src/specs/<pipeline>.ts, listed in libs/pipelines/src/specs/index.ts.
Generated files are written by \`npm run render\` only.`;

class UsageError extends Error {}

function find(id: string | undefined): PipelineSpec {
  if (!id) throw new UsageError('name a pipeline');
  const spec = pipelines.find((p) => p.id === id);
  if (!spec) throw new UsageError(`unknown pipeline "${id}"; the pipelines are ${pipelines.map((p) => p.id).join(', ')}`);
  return spec;
}

function neutral(part: ArgPart): string {
  if ('text' in part) return part.text;
  if ('param' in part) return `<${part.param}>`;
  return part.run === '' ? '<run>' : `<run>-${part.run}`;
}

function list(): string {
  return pipelines
    .map((spec) => {
      const triggers = spec.steps.flatMap((step) => (isTrainerStep(step) ? [] : [step.trigger]));
      return `${spec.id.padEnd(16)} ${(spec.schedule ?? 'manual').padEnd(12)} ${String(spec.steps.length).padStart(2)} steps${triggers.length > 0 ? `, triggers ${triggers.join(', ')}` : ''}  ${specFile(spec.id)}`;
    })
    .join('\n');
}

function graph(spec: PipelineSpec): string {
  const lines = orderedSteps(spec).map((step) => {
    const after = step.dependsOn && step.dependsOn.length > 0 ? `  after ${step.dependsOn.join(', ')}` : '';
    if (!isTrainerStep(step)) {
      const when = step.when ? ` when ${step.when.step} exits ${step.when.exitCode}` : '';
      return `${step.id}: trigger ${step.trigger}${when}${after}`;
    }
    return `${step.id}: trainer ${trainerArgs(spec, step).map((arg) => arg.map(neutral).join('')).join(' ')}${after}`;
  });
  const { edges } = stepGraph(spec);
  return [`${spec.id} (${specFile(spec.id)})`, ...lines.map((line) => `  ${line}`), `edges: ${edges.map(([a, b]) => `${a} -> ${b}`).join(', ')}`].join('\n');
}

function show(root: string, spec: PipelineSpec, engine: string): string {
  if (engine !== 'airflow' && engine !== 'argo') throw new UsageError(`--engine ${engine}: use airflow or argo`);
  const path = engine === 'airflow' ? `${names.dagsRoot}/${spec.id}.py` : `${names.k8sRoot}/pipelines/${names.baseDir}/workflowtemplate-${spec.id}.yaml`;
  const absolute = join(root, path);
  if (!existsSync(absolute)) throw new Error(`${path} does not exist: run \`npm run render\` (is the pipelines component enabled?)`);
  return readFileSync(absolute, 'utf8').trimEnd();
}

/** Looks like what definePipeline returns: an object with a string id and a list of steps (validation checks the rest). */
function isPipelineSpec(value: unknown): value is PipelineSpec {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' && Array.isArray((value as { steps?: unknown }).steps);
}

/**
 * The pipeline specs a spec file exports: its default export and every named one, each once
 * (`export const driftMonitor = definePipeline(...)`, as the files in specs/ do, or
 * `export default definePipeline(...)`).
 */
async function importSpecs(root: string, file: string): Promise<PipelineSpec[]> {
  const absolute = resolve(root, file);
  if (!existsSync(absolute)) throw new UsageError(`--spec ${file}: no such file`);
  const module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  const specs = [...new Set(Object.values(module).filter(isPipelineSpec))];
  if (specs.length === 0) {
    throw new UsageError(`--spec ${file}: exports no pipeline spec; export one as \`export const <name> = definePipeline({ ... })\` (or \`export default definePipeline({ ... })\`)`);
  }
  return specs;
}

async function validate(root: string, extra: string | undefined): Promise<string> {
  const specs = [...pipelines];
  const files = new Map<PipelineSpec, string>();
  if (extra !== undefined) {
    const file = relative(root, resolve(root, extra)).split('\\').join('/');
    for (const spec of await importSpecs(root, extra)) {
      // A spec already listed in specs/index.ts is the same object: check it once, naming this file.
      if (!specs.includes(spec)) specs.push(spec);
      files.set(spec, file);
    }
  }
  validatePipelines(specs, (spec) => files.get(spec) ?? specFile(spec.id));
  return `${specs.length} pipeline spec${specs.length === 1 ? '' : 's'} valid: ${specs.map((s) => s.id).join(', ')}`;
}

/** Runs one CLI invocation; returns the exit code. Errors become messages, never stack traces. */
export async function main(argv: readonly string[], root = process.cwd()): Promise<number> {
  try {
    const { positionals, values } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { engine: { type: 'string', default: 'airflow' }, spec: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    });
    const [command, id, ...rest] = positionals;
    if (values.help || !command) {
      console.log(usage);
      return command || values.help ? 0 : 2;
    }
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (command === 'list') console.log(list());
    else if (command === 'graph') console.log(graph(find(id)));
    else if (command === 'show') console.log(show(root, find(id), values.engine));
    else if (command === 'validate') console.log(await validate(root, values.spec));
    else throw new UsageError(`unknown command "${command}"`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`${(error as Error).message}\n\n${usage}`);
      return 2;
    }
    console.error(error instanceof PipelineSpecError ? error.message : `dags failed: ${(error as Error).message}`);
    return 1;
  }
}

if (process.argv[1]?.endsWith('/dag-generator/src/main.ts') || import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
