/**
 * The lab CLI's link flags: `--latency 40ms --jitter 10ms --bandwidth 10mbit` (or `--flag=value`).
 * Other arguments are handed back untouched, so the lab can parse its own flags around these.
 */
import { parseDurationMs, parseRateKbit } from './parse-units.ts';
import type { ToxicPatch } from './toxic-settings.ts';

/** The toxics the flags set, and the arguments that were not link flags. */
export interface ParsedLinkFlags {
  readonly toxics: ToxicPatch;
  readonly rest: readonly string[];
}

type LinkFlag = 'latency' | 'jitter' | 'bandwidth';

const flagParsers: Readonly<Record<LinkFlag, (value: string) => ToxicPatch>> = {
  latency: (value) => ({ latencyMs: parseDurationMs(value) }),
  jitter: (value) => ({ jitterMs: parseDurationMs(value) }),
  bandwidth: (value) => ({ kbitPerSecond: parseRateKbit(value) }),
};

function linkFlagOf(argument: string): { flag: LinkFlag; inlineValue?: string } | undefined {
  const match = /^--(latency|jitter|bandwidth)(?:=(.*))?$/.exec(argument);
  if (!match) return undefined;
  return { flag: match[1] as LinkFlag, inlineValue: match[2] };
}

/** Parses the link flags in `argv`; throws one error naming every bad flag and its value. */
export function parseLinkFlags(argv: readonly string[]): ParsedLinkFlags {
  let toxics: ToxicPatch = {};
  const rest: string[] = [];
  const problems: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    const linkFlag = linkFlagOf(argument);
    if (!linkFlag) {
      rest.push(argument);
      continue;
    }
    let value = linkFlag.inlineValue;
    if (value === undefined) {
      const next = argv[index + 1];
      if (next !== undefined && !next.startsWith('--')) {
        value = next;
        index += 1;
      }
    }
    if (value === undefined) {
      problems.push(`--${linkFlag.flag} needs a value, e.g. --${linkFlag.flag} ${exampleOf(linkFlag.flag)}`);
      continue;
    }
    try {
      toxics = { ...toxics, ...flagParsers[linkFlag.flag](value) };
    } catch (error) {
      problems.push(`--${linkFlag.flag}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new Error(`bad link flags:\n  ${problems.join('\n  ')}`);
  return { toxics, rest };
}

function exampleOf(flag: LinkFlag): string {
  return flag === 'bandwidth' ? '10mbit' : '40ms';
}
