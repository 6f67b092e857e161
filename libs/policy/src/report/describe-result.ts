import { describeObject } from '@millwright/kube';
import type { ObjectReference } from '../model/policy-types.ts';

/** `Kind/namespace/name` (or `Kind/name` when cluster-scoped), as every output format names an object. */
export function describeReference(reference: ObjectReference): string {
  return describeObject({ kind: reference.kind, metadata: { name: reference.name, namespace: reference.namespace } });
}

/** A message on one line: reports are line-oriented, and CEL messages may span lines. */
export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
