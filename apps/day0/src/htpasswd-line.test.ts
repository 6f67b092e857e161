import { compareSync } from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { htpasswdLine } from './htpasswd-line.ts';

const salt = 'abcdefghijklmnopqrstuv';

describe('htpasswdLine', () => {
  it('writes user:bcrypt-hash, the form htpasswd -nbB writes and Traefik reads', () => {
    const line = htpasswdLine('ui-client', 's3cret', salt);
    expect(line).toMatch(/^ui-client:\$2y\$05\$[./A-Za-z0-9]{53}$/);
    expect(compareSync('s3cret', line.slice('ui-client:'.length))).toBe(true);
    expect(compareSync('wrong', line.slice('ui-client:'.length))).toBe(false);
  });

  it('gives the same line for the same user, password and salt, so a second pulumi up changes nothing', () => {
    expect(htpasswdLine('u', 'p', salt)).toBe(htpasswdLine('u', 'p', salt));
    expect(htpasswdLine('u', 'p', salt)).not.toBe(htpasswdLine('u', 'p', 'vutsrqponmlkjihgfedcba'));
  });

  it('refuses a user name htpasswd cannot hold', () => {
    expect(() => htpasswdLine('a:b', 'p', salt)).toThrow(`an htpasswd user name must be non-empty, without ':' or white space, got "a:b"`);
  });

  it('refuses a salt that is not 22 characters of bcrypt’s alphabet', () => {
    expect(() => htpasswdLine('u', 'p', 'short')).toThrow('a bcrypt salt is 22 characters of [./A-Za-z0-9], got 5 characters');
  });
});
