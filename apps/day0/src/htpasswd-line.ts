import { hashSync } from 'bcryptjs';

/** bcrypt's cost: Go's default, which Traefik's basic auth checks each request against. */
const bcryptCost = 10;

/** The 22 characters of a bcrypt salt, from bcrypt's own base-64 alphabet. */
export const bcryptSaltAlphabet = { length: 22, special: './' } as const;

/**
 * One htpasswd line, `user:$2y$10$...`, as `htpasswd -nbB` writes it and Traefik's basic auth
 * reads it. The salt is given, not drawn here, so the same user, password and salt give the same
 * line on every `pulumi up`: a fresh salt would rewrite the Secret each time.
 */
export function htpasswdLine(user: string, password: string, salt: string): string {
  if (user === '' || /[:\s]/.test(user)) throw new Error(`an htpasswd user name must be non-empty, without ':' or white space, got ${JSON.stringify(user)}`);
  if (!new RegExp(`^[./A-Za-z0-9]{${bcryptSaltAlphabet.length}}$`).test(salt)) {
    throw new Error(`a bcrypt salt is ${bcryptSaltAlphabet.length} characters of [./A-Za-z0-9], got ${salt.length} characters`);
  }
  return `${user}:${hashSync(password, `$2y$${bcryptCost}$${salt}`)}`;
}
