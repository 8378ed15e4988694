import { readFileSync } from 'node:fs';
import { type Algorithm, hash, type Options, parseOptions, verify } from '@node-rs/argon2';

// The package's `Algorithm` is a const enum that exists only in its types (at
// run time the object is empty), so the numeric value is written out.
const ARGON2ID: Algorithm = 2;
const VERSION_0X13 = 1;

/** OWASP Password Storage Cheat Sheet's argon2id figures: 19 MiB, 2 passes, 1 lane. */
const POLICY = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } satisfies Options;

/**
 * The hash of a random password nobody knows, with the same parameters as
 * real hashes, so `dummyVerify` costs what a real verification costs.
 */
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$IbMPSmEOCU60mFyCyiTnjQ$K9Ldzd8Ku2gaVkBJ01OBQvClpMbIbjDhGgOKOcC/Mro';

export function hashPassword(password: string): Promise<string> {
  return hash(password, POLICY);
}

/** False for a wrong password and for anything that is not a hash this library reads; never throws. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Spends the time of one verification and always fails, for sign-in with an
 * unknown or unusable account, so timing does not tell which accounts exist.
 * Given the typed password, it does exactly the work a real check would.
 */
export async function dummyVerify(password = 'not the password'): Promise<false> {
  await verifyPassword(DUMMY_HASH, password);
  return false;
}

/** True when a hash was made with other parameters than today's: re-hash it at the next sign-in. */
export function needsRehash(passwordHash: string): boolean {
  try {
    const used = parseOptions(passwordHash);
    return (
      used.algorithm !== POLICY.algorithm ||
      used.version !== VERSION_0X13 ||
      used.memoryCost !== POLICY.memoryCost ||
      used.timeCost !== POLICY.timeCost ||
      used.parallelism !== POLICY.parallelism
    );
  } catch {
    return true;
  }
}

export type PasswordProblem = 'tooShort' | 'common' | 'complexity' | 'containsUsername';

export interface PasswordRules {
  readonly minLength: number;
  /** At least three of: lowercase, uppercase, digit, other (MLPS; on for staff, off for residents). */
  readonly requireComplexity: boolean;
  /** Words the password must not contain: user name, name, e-mail's local part. */
  readonly related: readonly string[];
}

let commonPasswords: ReadonlySet<string> | undefined;

function isCommon(password: string): boolean {
  commonPasswords ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return commonPasswords.has(password.toLowerCase());
}

/**
 * Related words shorter than this are ignored: a two-letter user name such as
 * "li" would otherwise refuse every password that happens to contain it.
 */
const MIN_RELATED_LENGTH = 3;

function characterClasses(password: string): number {
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];
  return classes.filter((pattern) => pattern.test(password)).length;
}

/**
 * The first rule a new password breaks, or null (SECURITY.md 1). Length is
 * counted in characters, not bytes, so a Chinese passphrase counts as typed.
 * Characters that have no case and are not digits (Chinese characters
 * included) count as "other": they widen what an attacker must guess.
 */
export function checkPassword(password: string, rules: PasswordRules): PasswordProblem | null {
  if (Array.from(password).length < rules.minLength) return 'tooShort';
  if (isCommon(password)) return 'common';
  const lower = password.toLowerCase();
  const related = rules.related.map((word) => word.trim().toLowerCase());
  if (related.some((word) => Array.from(word).length >= MIN_RELATED_LENGTH && lower.includes(word))) {
    return 'containsUsername';
  }
  if (rules.requireComplexity && characterClasses(password) < 3) return 'complexity';
  return null;
}
