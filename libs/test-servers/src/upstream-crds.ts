/**
 * The vendored upstream CustomResourceDefinitions (`fixtures/crds/`, unchanged copies; provenance
 * and licence in its README), indexed by the group and kind each defines, so a test API server
 * gets exactly the definitions of the custom kinds it is about to receive.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** Where the unchanged upstream copies live. */
export const upstreamCrdDir = join(import.meta.dirname, '../fixtures/crds');

/** One CustomResourceDefinition document of a vendored file. */
export interface UpstreamCrd {
  /** `<group>/<Kind>`, e.g. `traefik.io/Middleware`. */
  readonly groupKind: string;
  readonly file: string;
  /** The document as plain data, ready to apply. */
  readonly definition: Record<string, unknown>;
}

let index: ReadonlyMap<string, UpstreamCrd> | undefined;

/** Every vendored CRD by `<group>/<Kind>` (the files are read once, on first use). */
export function upstreamCrds(): ReadonlyMap<string, UpstreamCrd> {
  if (index) return index;
  const crds = new Map<string, UpstreamCrd>();
  for (const file of readdirSync(upstreamCrdDir).filter((name) => name.endsWith('.yaml')).sort()) {
    for (const document of parseAllDocuments(readFileSync(join(upstreamCrdDir, file), 'utf8'))) {
      const definition = document.toJS() as { kind?: string; spec?: { group?: string; names?: { kind?: string } } } | null;
      if (definition === null) continue;
      if (definition.kind !== 'CustomResourceDefinition') throw new Error(`${file}: holds a ${definition.kind}, not only CustomResourceDefinitions`);
      const groupKind = `${definition.spec?.group}/${definition.spec?.names?.kind}`;
      crds.set(groupKind, { groupKind, file, definition: definition as Record<string, unknown> });
    }
  }
  return (index = crds);
}

/**
 * The CRDs that `objects` need: one for every custom kind among them (a group with a dot that is
 * not a Kubernetes API group). Throws naming the kinds no vendored file defines.
 */
export function upstreamCrdsFor(objects: readonly { readonly apiVersion: string; readonly kind: string }[]): UpstreamCrd[] {
  const custom = new Set(
    objects.flatMap(({ apiVersion, kind }) => {
      const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
      return group.includes('.') && !group.endsWith('.k8s.io') ? [`${group}/${kind}`] : [];
    }),
  );
  const crds = upstreamCrds();
  const missing = [...custom].filter((groupKind) => !crds.has(groupKind));
  if (missing.length > 0) throw new Error(`no vendored CRD defines ${missing.join(', ')}: add the upstream file to ${upstreamCrdDir} with its provenance in the README there`);
  return [...custom].sort().map((groupKind) => crds.get(groupKind)!);
}
