import { hashSync } from 'bcryptjs';

/**
 * bcrypt's cost: 5, what `htpasswd -nbB` (the secrets script) writes. Traefik checks the hash on
 * every request, and the lab measured cost 10 at about 45 ms a request at the ingress (cost 5:
 * about 2 ms). These passwords are 192 random bits, which no cost factor needs to protect.
 */
const bcryptCost = 5;

/** The 22 characters of a bcrypt salt, from bcrypt's own base-64 alphabet. */
export const bcryptSaltAlphabet = { length: 22, special: './' } as const;

/**
 * One htpasswd line, `user:$2y$05$...`, as `htpasswd -nbB` writes it and Traefik's basic auth
 * reads it. The salt is given, not drawn here, so the same user, password and salt give the same
 * line on every `pulumi up`: a fresh salt would rewrite the Secret each time.
 */
export function htpasswdLine(user: string, password: string, salt: string): string {
  if (user === '' || /[:\s]/.test(user)) throw new Error(`an htpasswd user name must be non-empty, without ':' or white space, got ${JSON.stringify(user)}`);
  if (!new RegExp(`^[./A-Za-z0-9]{${bcryptSaltAlphabet.length}}$`).test(salt)) {
    throw new Error(`a bcrypt salt is ${bcryptSaltAlphabet.length} characters of [./A-Za-z0-9], got ${salt.length} characters`);
  }
  return `${user}:${hashSync(password, `$2y$${String(bcryptCost).padStart(2, '0')}$${salt}`)}`;
}
