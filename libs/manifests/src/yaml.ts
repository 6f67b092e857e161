import { stringify } from 'yaml';
import { names } from '@millwright/platform';

const leadingKeys = ['apiVersion', 'kind', 'metadata'];
const metadataKeys = ['name', 'namespace', 'labels', 'annotations', 'finalizers'];

function reorder(value: Record<string, unknown>, first: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of first) if (Object.hasOwn(value, key) && value[key] !== undefined) out[key] = value[key];
  for (const [key, v] of Object.entries(value)) if (!Object.hasOwn(out, key) && v !== undefined) out[key] = v;
  return out;
}

/** Puts apiVersion, kind and metadata first, and name, namespace, labels first in metadata. */
function canonical(document: Record<string, unknown>): Record<string, unknown> {
  const ordered = reorder(document, leadingKeys);
  const metadata = ordered['metadata'];
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata)) {
    ordered['metadata'] = reorder(metadata as Record<string, unknown>, metadataKeys);
  }
  return ordered;
}

/**
 * Stable YAML for one or more documents: the banner line, keys in a fixed order, no line
 * folding, LF line ends and one trailing newline, so rendering twice gives identical bytes.
 */
export function toYaml(documents: readonly object[], options: { banner?: boolean } = {}): string {
  const body = documents
    .map((document) =>
      stringify(canonical(document as Record<string, unknown>), {
        lineWidth: 0,
        minContentWidth: 0,
        indentSeq: true,
        aliasDuplicateObjects: false,
      }),
    )
    .join('---\n');
  const banner = options.banner === false ? '' : `${names.banner}\n`;
  // The yaml library ends every document with one LF and emits no CR; never trim more, or a
  // block scalar ending in blank lines (`|+`) would lose them.
  const text = `${banner}${body}`;
  return text.endsWith('\n') ? text : `${text}\n`;
}
