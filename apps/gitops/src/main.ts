#!/usr/bin/env node
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PlatformConfigError, SecureDefaultsError } from '@millwright/platform';
import { PipelineSpecError } from '@millwright/pipelines';
import { CliError } from './cli-error.ts';
import { runCheck } from './commands/check.ts';
import { runImages } from './commands/images.ts';
import type { CommandOptions } from './commands/options.ts';
import { runPlan } from './commands/plan.ts';
import { runPolicy } from './commands/policy.ts';
import { runRender } from './commands/render.ts';
import { runSecrets } from './commands/secrets.ts';
import { runSetImage } from './commands/set-image.ts';
import { runValidate } from './commands/validate.ts';

interface Command {
  readonly run: (options: CommandOptions) => Promise<string>;
  readonly help: string;
  /** Whether the command takes positional arguments; the others refuse any. */
  readonly takesArguments?: boolean;
}

const commands: Record<string, Command> = {
  render: { run: runRender, help: 'render k8s/, bootstrap/ and fleet/ from the config (validated first; --dry-run lists files)' },
  check: { run: runCheck, help: 'fail when the committed tree differs from a fresh render' },
  validate: { run: runValidate, help: 'render in memory and run every check, kustomize builds included' },
  plan: { run: runPlan, help: 'render, validate and summarise what would be deployed where (npm start)' },
  policy: {
    run: runPolicy,
    help: 'policy [<file|dir|->...]: evaluate every policy against the rendered tree, or against manifest files, directories or stdin (--output text|json|junit)',
    takesArguments: true,
  },
  secrets: { run: runSecrets, help: 'print a script that creates the Secrets the tree references' },
  'set-image': {
    run: runSetImage,
    help: 'set-image <app> <tag>@sha256:<digest> (or --tag, --digest): pin a promoted image and re-render',
    takesArguments: true,
  },
  images: { run: runImages, help: 'list, as JSON, the apps with a Dockerfile, the image each is pushed to and whether promotion pins it' },
};

const usage = [
  'usage: gitops <command> [--config platform.config.ts] [--root .] [--dry-run]',
  '',
  ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(9)} ${c.help}`),
].join('\n');

/** Runs one CLI invocation and returns its exit code; errors become messages, never stack traces. */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        root: { type: 'string', default: process.cwd() },
        'dry-run': { type: 'boolean', default: false },
        output: { type: 'string' },
        tag: { type: 'string' },
        digest: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const [name, ...rest] = parsed.positionals;
  if (parsed.values.help || !name) {
    console.log(usage);
    return name || parsed.values.help ? 0 : 2;
  }
  const command = commands[name];
  if (!command || (rest.length > 0 && !command.takesArguments)) {
    console.error(`${command ? `unexpected argument "${rest[0]}"` : `unknown command "${name}"`}\n\n${usage}`);
    return 2;
  }
  const root = parsed.values.root;
  const options: CommandOptions = {
    root,
    config: parsed.values.config ?? join(root, 'platform.config.ts'),
    dryRun: parsed.values['dry-run'],
    output: parsed.values.output,
    args: rest,
    tag: parsed.values.tag,
    digest: parsed.values.digest,
  };
  try {
    console.log(await command.run(options));
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      console.error(error.message);
      return error.exitCode;
    }
    if (error instanceof PlatformConfigError || error instanceof SecureDefaultsError || error instanceof PipelineSpecError) {
      console.error(`${error.message}\nNothing was written.`);
      return 1;
    }
    console.error(`gitops ${name} failed: ${(error as Error).message}`);
    if (process.env['DEBUG']) console.error((error as Error).stack);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/gitops/src/main.ts')) {
  process.exitCode = await main(process.argv.slice(2));
}
