/**
 * Python literals for generated DAG files. Strings are JSON string literals, which Python reads
 * the same way (`"`, `\\`, `\n`, `\uXXXX` escapes); nothing else reaches the file unquoted.
 */
export type PythonValue = string | number | boolean | null | readonly PythonValue[] | { readonly [key: string]: PythonValue };

/** A Python string literal. */
export function pythonString(text: string): string {
  return JSON.stringify(text);
}

/** The Python literal of a value: `"text"`, `3`, `True`, `None`, `[...]`, `{"key": ...}`. */
export function pythonLiteral(value: PythonValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a Python number`);
    return String(value);
  }
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map((item: PythonValue) => pythonLiteral(item)).join(', ')}]`;
  const entries = Object.entries(value as { readonly [key: string]: PythonValue });
  return `{${entries.map(([key, item]) => `${pythonString(key)}: ${pythonLiteral(item)}`).join(', ')}}`;
}

/** A call with keyword arguments, one per line, indented by `indent` (the call's own column). */
export function pythonCall(callee: string, keywords: ReadonlyArray<readonly [string, PythonValue | undefined]>, indent = ''): string {
  const present = keywords.filter((entry): entry is readonly [string, PythonValue] => entry[1] !== undefined);
  if (present.length === 0) return `${callee}()`;
  const inner = `${indent}    `;
  return `${callee}(\n${present.map(([name, value]) => `${inner}${name}=${pythonLiteral(value)},`).join('\n')}\n${indent})`;
}

const keywords = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

/** Names the DAG file defines itself; a task variable never shadows them. */
const reservedNames = new Set([
  'dag',
  'datetime',
  're',
  'k8s',
  'DAG',
  'Secret',
  'KubernetesPodOperator',
  'TriggerDagRunOperator',
  'EmptyOperator',
  'IMAGE',
  'NAMESPACE',
  'SERVICE_ACCOUNT',
  'POD_LABELS',
  'ENV',
  'SECRETS',
  'POD_SECURITY_CONTEXT',
  'CONTAINER_SECURITY_CONTEXT',
  'HOME_VOLUME',
  'HOME_MOUNT',
  'trainer_run_id',
  'trainer_task',
  'resources',
  'annotations',
]);

/** The Python variable of a task: the step id with `_` for `-` (`train_by_f1`), never a keyword or a name the file uses. */
export function taskVariable(stepId: string): string {
  const name = stepId.replace(/-/g, '_');
  return keywords.has(name) || reservedNames.has(name) ? `${name}_task` : name;
}
