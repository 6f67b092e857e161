/**
 * Kubernetes' `$(VAR)` expansion, as the kubelet applies it to `env[].value`, `command` and `args`
 * (kubernetes.io "Define Dependent Environment Variables"; the expansion package the kubelet
 * vendors from Go's os.Expand): `$(NAME)` becomes the value `lookup` knows for NAME, or stays as
 * written when it knows none; `$$` becomes one `$`, so `$$(NAME)` is the literal `$(NAME)`; a `$`
 * before any other character, a `$(` never closed and a trailing `$` are kept as they are.
 */
export function expandReferences(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  let cursor = 0;
  while (cursor < input.length) {
    const char = input[cursor]!;
    const next = input[cursor + 1];
    if (char !== '$' || next === undefined) {
      out += char;
      cursor += 1;
    } else if (next === '$') {
      out += '$';
      cursor += 2;
    } else if (next === '(') {
      const close = input.indexOf(')', cursor + 2);
      if (close === -1) {
        // An unclosed reference: `$(` is copied and scanning goes on after it.
        out += '$(';
        cursor += 2;
      } else {
        const name = input.slice(cursor + 2, close);
        out += lookup(name) ?? `$(${name})`;
        cursor = close + 1;
      }
    } else {
      out += `$${next}`;
      cursor += 2;
    }
  }
  return out;
}

