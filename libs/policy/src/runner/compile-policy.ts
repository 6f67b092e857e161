import type { Environment, ParseResult } from '@marcbachmann/cel-js';
import { createKubernetesCelEnvironment } from '../cel/kubernetes-cel.ts';
import type { AdmissionPolicy } from '../model/policy-types.ts';

/** A policy whose expression does not parse or type-check: a bug in the policy, not in the tree. */
export class PolicyCompileError extends Error {
  constructor(policy: string, field: string, expression: string, problem: string) {
    super(`policy ${policy}: ${field} does not compile: ${problem}\n  expression: ${expression}`);
    this.name = 'PolicyCompileError';
  }
}

/** One compiled CEL expression, with where it came from for error messages. */
export interface CompiledExpression {
  readonly field: string;
  readonly expression: string;
  readonly program: ParseResult;
}

/** One compiled `spec.validations` entry. */
export interface CompiledValidation extends CompiledExpression {
  readonly message?: string;
  readonly messageProgram?: CompiledExpression;
}

/** Every expression of an admission policy, compiled once. */
export interface CompiledPolicy {
  readonly matchConditions: readonly CompiledExpression[];
  readonly variables: readonly (CompiledExpression & { readonly name: string })[];
  readonly validations: readonly CompiledValidation[];
}

let environment: Environment | undefined;

/** The shared environment; building one costs more than compiling every policy. */
function celEnvironment(): Environment {
  environment ??= createKubernetesCelEnvironment();
  return environment;
}

const cache = new WeakMap<AdmissionPolicy, CompiledPolicy>();

function compile(policy: string, field: string, expression: string): CompiledExpression {
  let program: ParseResult;
  try {
    program = celEnvironment().parse(expression);
  } catch (error) {
    throw new PolicyCompileError(policy, field, expression, firstLine(error));
  }
  // Type-checking catches unknown variables, functions and overloads before any object is seen.
  const checked = program.check();
  if (!checked.valid) throw new PolicyCompileError(policy, field, expression, firstLine(checked.error));
  return { field, expression, program };
}

/** The first line of an error's message (cel-js appends a source excerpt below it). */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim();
}

/**
 * Compiles every expression of an admission policy (match conditions, variables, validations
 * and message expressions) once; later calls with the same policy object reuse the programs,
 * so evaluating hundreds of objects never re-parses.
 */
export function compileAdmissionPolicy(policy: AdmissionPolicy): CompiledPolicy {
  const cached = cache.get(policy);
  if (cached) return cached;
  const spec = policy.policy.spec ?? {};
  const compiled: CompiledPolicy = {
    matchConditions: (spec.matchConditions ?? []).map((c, i) => compile(policy.name, `spec.matchConditions[${i}] (${c.name})`, c.expression)),
    variables: (spec.variables ?? []).map((v, i) => ({ name: v.name, ...compile(policy.name, `spec.variables[${i}] (${v.name})`, v.expression) })),
    validations: (spec.validations ?? []).map((v, i) => ({
      ...compile(policy.name, `spec.validations[${i}].expression`, v.expression),
      ...(v.message !== undefined && { message: v.message }),
      ...(v.messageExpression !== undefined && {
        messageProgram: compile(policy.name, `spec.validations[${i}].messageExpression`, v.messageExpression),
      }),
    })),
  };
  cache.set(policy, compiled);
  return compiled;
}
