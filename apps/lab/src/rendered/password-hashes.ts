import { pbkdf2Sync } from 'node:crypto';
import { encodeBase64, hashSync } from 'bcryptjs';
import type { RandomBytes } from './random-bytes.ts';

/** bcrypt's cost: 5, what `htpasswd -nbB` writes (the secrets script), checked per request by the ingress. */
const bcryptCost = 5;

/**
 * A bcrypt hash, `$2y$05$...`, as `htpasswd -nbB` writes it and Traefik, nginx and Node-RED
 * (bcryptjs) check it. The salt is drawn from `random`, so a seeded source gives the same hash.
 */
export function bcryptHash(password: string, random: RandomBytes): string {
  const salt = encodeBase64(Array.from(random(16)), 16);
  return hashSync(password, `$2y$${String(bcryptCost).padStart(2, '0')}$${salt}`);
}

/** One htpasswd line, `user:<bcrypt hash>`. */
export function htpasswdLine(user: string, password: string, random: RandomBytes): string {
  if (user === '' || /[:\s]/.test(user)) throw new Error(`an htpasswd user name must be non-empty, without ':' or white space, got ${JSON.stringify(user)}`);
  return `${user}:${bcryptHash(password, random)}`;
}

/** The iterations `mosquitto_passwd` uses for PBKDF2-SHA512 (mosquitto 2.0's default). */
const mosquittoIterations = 101;

/**
 * One line of a Mosquitto password file, `user:$7$<iterations>$<salt>$<hash>`: PBKDF2-HMAC-SHA512
 * of the password with a 12-byte salt, 64-byte hash, both in standard base64 — the format
 * `mosquitto_passwd` writes and mosquitto 2.x reads (the `$7$` type of its password file).
 */
export function mosquittoPasswordLine(user: string, password: string, random: RandomBytes): string {
  if (user === '' || /[:\s]/.test(user)) throw new Error(`a mosquitto user name must be non-empty, without ':' or white space, got ${JSON.stringify(user)}`);
  const salt = Buffer.from(random(12));
  const hash = pbkdf2Sync(password, salt, mosquittoIterations, 64, 'sha512');
  return `${user}:$7$${mosquittoIterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}
