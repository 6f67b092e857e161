import { describe, expect, it } from 'vitest';
import { expandReferences } from './expand-references.ts';

const known: Record<string, string> = { SERVICE_IP: '172.17.0.1', SERVICE_PORT: '80', EMPTY: '' };
const expand = (input: string) => expandReferences(input, (name) => (Object.hasOwn(known, name) ? known[name] : undefined));

describe('expandReferences', () => {
  it('replaces $(NAME) by the value of a known name', () => {
    expect(expand('http://$(SERVICE_IP):$(SERVICE_PORT)/')).toBe('http://172.17.0.1:80/');
  });

  it('keeps a reference to an unknown name as written', () => {
    expect(expand('$(PROTOCOL)://$(SERVICE_IP)')).toBe('$(PROTOCOL)://172.17.0.1');
  });

  it('turns $$(NAME) into the literal $(NAME), whether NAME is known or not', () => {
    expect(expand('$$(SERVICE_IP) $$(PROTOCOL)')).toBe('$(SERVICE_IP) $(PROTOCOL)');
  });

  it('turns $$ into one $ anywhere and keeps a lone $ before any other character', () => {
    expect(expand('a$$b $x $1 $$$(SERVICE_PORT)')).toBe('a$b $x $1 $80');
  });

  it('keeps a trailing $ and an unclosed $( as they are', () => {
    expect(expand('cost$')).toBe('cost$');
    expect(expand('$(SERVICE_IP')).toBe('$(SERVICE_IP');
  });

  it('reads a name up to the first closing parenthesis, so a nested reference is not expanded', () => {
    expect(expand('$(A$(SERVICE_PORT))')).toBe('$(A$(SERVICE_PORT))');
  });

  it('replaces a reference to a name defined as the empty string by nothing', () => {
    expect(expand('[$(EMPTY)]')).toBe('[]');
  });

  it('keeps $() as written', () => {
    expect(expand('$()')).toBe('$()');
  });
});
