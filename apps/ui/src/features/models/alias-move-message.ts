/**
 * What an alias move did, in plain words for the operator: which version holds which alias now,
 * what it replaced, what the challenger alias lost, and what the API serves. Pure.
 */
import type { AliasMove } from './api/set-alias.ts';

/** Why the operator moved the alias. */
export type AliasAction = 'promote' | 'roll-back' | 'make-challenger';

/** The message, and whether everything went as asked (false: show it as an alert). */
export function aliasMoveMessage(move: AliasMove, action: AliasAction): { ok: boolean; text: string } {
  const { version, previous, serving } = move;
  const sentences: string[] = [];
  if (action === 'make-challenger') sentences.push(`Version ${version} is now the challenger (${previous === null ? 'it was not set' : `it was version ${previous}`}).`);
  else {
    const replacing = previous === null || previous === version ? '' : `, replacing version ${previous}`;
    sentences.push(action === 'roll-back' ? `Rolled back: version ${version} is the champion again${replacing}.` : `Version ${version} is now the champion${replacing}.`);
    if (move.cleared?.includes('challenger')) sentences.push('It was the challenger, so the challenger alias was cleared: a version is not compared with itself.');
    sentences.push(serving === version ? `The API serves version ${version}.` : serving === null ? 'The API serves no version yet.' : `The API still serves version ${serving}.`);
  }
  if (move.problems.length > 0) sentences.push(`The API reported: ${move.problems.join('; ')}.`);
  return { ok: move.problems.length === 0 && (action === 'make-challenger' || serving === version), text: sentences.join(' ') };
}
