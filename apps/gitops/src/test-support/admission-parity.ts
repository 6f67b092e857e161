/**
 * Whether the offline runner and a real API server judge policy fixtures alike, object by object.
 * Pure: the verdicts are gathered elsewhere (the parity cluster test), compared here.
 *
 * Two comparisons, because the API server reports differently by binding action:
 * - per policy, with the bindings on `Warn`: the server returns every failed validation of every
 *   policy as a warning, so each policy's verdict (and its messages) can be read even when
 *   several policies fail one object;
 * - per object, with the bindings on `Deny` (what the clusters run): refused or admitted, and the
 *   refusal must come from a policy the runner also fails, with one of its messages (the server
 *   names only the first refusal).
 */
import type { PolicyResult } from '@millwright/policy';
import { describeVerdict, parameterNotFound, type PolicyFinding, type ServerVerdict } from './admission-verdict.ts';

/** Everything known about one fixture object. */
export interface FixtureObjectVerdicts {
  /** `<policy>/<pass|fail>.yaml#<n>`, the fixture document. */
  readonly file: string;
  /** The policy whose fixture it is. */
  readonly policy: string;
  /** `Kind/namespace/name` as applied (namespaces prefixed). */
  readonly object: string;
  /** The runner's results under the rendered bindings on `Warn`, and on `Deny`. */
  readonly offlineWarn: readonly PolicyResult[];
  readonly offlineDeny: readonly PolicyResult[];
  /** The API server's verdicts under the same bindings. */
  readonly serverWarn: ServerVerdict;
  readonly serverDeny: ServerVerdict;
}

/**
 * An object the API server refuses before admission whatever the policies say, and why; the
 * refusal must match `refusal` for the exception to hold.
 */
export interface RefusedBeforeAdmission {
  readonly file: string;
  readonly refusal: RegExp;
  readonly reason: string;
}

type Verdict = 'pass' | 'fail' | 'not tested';

/** The runner's verdict of one policy (fail: it found a violation, whatever the mode). */
function offlineVerdict(results: readonly PolicyResult[], policy: string): Verdict {
  const result = results.find((r) => r.policy === policy);
  if (!result) return 'not tested';
  return result.violations.length > 0 ? 'fail' : 'pass';
}

/** The server's findings of one policy, denial included. */
function serverFindings(verdict: ServerVerdict, policy: string): PolicyFinding[] {
  return [...verdict.policyWarnings.filter((w) => w.policy === policy), ...(verdict.deniedBy?.policy === policy ? [verdict.deniedBy] : [])];
}

/** The runner's messages of one policy that come from a CEL validation (the server words those the same). */
function validationMessages(results: readonly PolicyResult[], policy: string): string[] {
  return (results.find((r) => r.policy === policy)?.violations ?? []).filter((v) => v.validation !== undefined).map((v) => v.message);
}

const sorted = (values: readonly string[]) => [...values].sort();
const quoted = (messages: readonly string[]) => (messages.length > 0 ? ` (${messages.map((m) => `"${m}"`).join('; ')})` : '');

/** The object-level verdict of the runner: refused when a `Deny` policy fails it. */
function offlineAdmission(results: readonly PolicyResult[]): string {
  const failing = results.filter((r) => r.outcome === 'fail').map((r) => r.policy);
  return failing.length > 0 ? `refused (${failing.join(', ')})` : 'admitted';
}

/**
 * Every disagreement, one sentence each naming the fixture, the object, the policy and both
 * verdicts; empty when the runner and the API server agree on every object and policy.
 */
export function parityDisagreements(cases: readonly FixtureObjectVerdicts[], inClusterPolicies: readonly string[], exceptions: readonly RefusedBeforeAdmission[] = []): string[] {
  const disagreements: string[] = [];
  for (const c of cases) {
    const where = `${c.file} (${c.object})`;
    const exception = exceptions.find((e) => e.file === c.file);
    const refusedEarly = [c.serverWarn, c.serverDeny].find((v) => v.refusal !== undefined);
    if (refusedEarly || exception) {
      if (!exception) disagreements.push(`${where}: the API server refused it before admission, so no policy judged it: ${refusedEarly!.refusal}`);
      else if (!refusedEarly || !exception.refusal.test(refusedEarly.refusal!)) {
        disagreements.push(`${where}: expected the API server to refuse it before admission (${exception.reason}), but it answered ${describeVerdict(c.serverDeny)}`);
      }
      continue;
    }
    for (const policy of inClusterPolicies) {
      const offline = offlineVerdict(c.offlineWarn, policy);
      const findings = serverFindings(c.serverWarn, policy);
      const server = findings.length > 0 ? 'fail' : 'pass';
      const offlineMessages = validationMessages(c.offlineWarn, policy);
      const serverMessages = findings.filter((f) => f.message !== parameterNotFound).map((f) => f.message);
      if ((offline === 'fail') !== (server === 'fail')) {
        const offlineSaid = (c.offlineWarn.find((r) => r.policy === policy)?.violations ?? []).map((v) => v.message);
        disagreements.push(`${where} under ${policy}: offline ${offline}${quoted(offlineSaid)}, API server ${server}${quoted(findings.map((f) => f.message))}`);
      } else if (server === 'fail' && JSON.stringify(sorted(offlineMessages)) !== JSON.stringify(sorted(serverMessages))) {
        disagreements.push(`${where} under ${policy}: both fail, but offline says${quoted(offlineMessages)} and the API server says${quoted(serverMessages)}`);
      }
    }
    const refusedOffline = c.offlineDeny.some((r) => r.outcome === 'fail');
    const denial = c.serverDeny.deniedBy;
    const denialExplained =
      denial !== undefined &&
      c.offlineDeny.some(
        (r) =>
          r.policy === denial.policy &&
          r.outcome === 'fail' &&
          r.violations.some((v) => (v.validation === undefined ? denial.message === parameterNotFound : v.message === denial.message)),
      );
    if (refusedOffline === c.serverDeny.admitted || (denial !== undefined && !denialExplained)) {
      disagreements.push(`${where} with the bindings on Deny: offline ${offlineAdmission(c.offlineDeny)}, API server ${describeVerdict(c.serverDeny)}`);
    }
  }
  return disagreements;
}

/**
 * The parity table, one row per fixture object: the fixture policy's verdict offline and at the
 * API server (bindings on `Warn`), and whether each admits the object (bindings on `Deny`; the
 * API server names the first policy that refused it).
 */
export function parityTable(cases: readonly FixtureObjectVerdicts[], exceptions: readonly RefusedBeforeAdmission[] = []): string {
  const rows = cases.map((c) => {
    const exception = exceptions.find((e) => e.file === c.file);
    // The API server cannot tell a pass from a policy that does not apply: it only reports findings.
    const server = exception ? 'refused before admission' : serverFindings(c.serverWarn, c.policy).length > 0 ? 'fail' : 'no finding';
    const offlineDeny = c.offlineDeny.some((r) => r.outcome === 'fail') ? 'refused' : 'admitted';
    const serverDeny = c.serverDeny.admitted ? 'admitted' : c.serverDeny.deniedBy ? `refused (${c.serverDeny.deniedBy.policy.replace(/^millwright-/, '')})` : 'refused (before admission)';
    return `| ${c.policy} | ${c.file.slice(c.policy.length + 1)} | ${c.object} | ${offlineVerdict(c.offlineWarn, c.policy)} | ${server} | ${offlineDeny} | ${serverDeny} |`;
  });
  return [
    '| policy | fixture | object | offline | API server | offline, Deny | API server, Deny |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
