/**
 * Which column of a CSV file holds each input of the served contract. A header may name an input
 * by the contract's name (`torqueNm`) or, for the AI4I 2020 model, by the published dataset's
 * header (`Torque [Nm]`), so the file downloaded from UCI is scored as it is, as the trainer reads it.
 */
import type { ModelContract } from '@millwright/contract';
import { ai4iPublishedColumns } from '@millwright/factory';

/** The header's verdict: the column of each input, or what is wrong with the header. */
export type HeaderCheck = { readonly ok: true; readonly columns: Readonly<Record<string, number>> } | { readonly ok: false; readonly problems: readonly string[] };

/** The header names accepted for an input: its own, then the published dataset's when there is one. */
export function acceptedNames(input: string): string[] {
  const published = (ai4iPublishedColumns as Readonly<Record<string, string>>)[input];
  return published === undefined ? [input] : [input, published];
}

/** Checks the header row (line 1) against the contract's inputs. */
export function checkHeader(contract: ModelContract, header: readonly string[]): HeaderCheck {
  const names = header.map((name) => name.trim());
  const problems: string[] = [];
  const duplicates = names.filter((name, index) => name !== '' && names.indexOf(name) !== index);
  if (duplicates.length > 0) problems.push(`line 1: column ${[...new Set(duplicates)].map((d) => `"${d}"`).join(', ')} appears more than once`);
  const columns: Record<string, number> = {};
  const missing: string[] = [];
  for (const input of contract.inputs) {
    const found = acceptedNames(input.name).filter((name) => names.includes(name));
    if (found.length === 0) missing.push(input.name);
    else if (found.length > 1) problems.push(`line 1: columns ${found.map((name) => `"${name}"`).join(' and ')} both name the input ${input.name}; keep one`);
    else columns[input.name] = names.indexOf(found[0]!);
  }
  if (missing.length > 0) {
    const expected = contract.inputs.map((input) => acceptedNames(input.name).map((name, index) => (index === 0 ? name : `"${name}"`)).join(' or ')).join(', ');
    problems.push(`line 1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; the header must name every input of "${contract.name}": ${expected}`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, columns };
}
