export interface Requirement {
  command: string;
  why: string;
  apt: string | null;
  manual: string | null;
  globs?: string[];
}
export const requirements: Requirement[];
export function findCommand(command: string, globs?: string[]): string | null;
export function planInstall(
  missing: Requirement[],
  options: { aptAllowed: boolean },
): { install: string[]; messages: string[]; ok: boolean };
export function main(): number;
