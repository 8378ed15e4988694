import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { hmacSm3 } from './sm3.ts';

/** One version of the keys that seal personal-data fields. */
export interface DataKey {
  readonly version: number;
  /** SM4 key, 16 bytes. */
  readonly encryptionKey: Buffer;
  /** HMAC-SM3 key, 32 bytes: separate from the encryption key so neither use weakens the other. */
  readonly macKey: Buffer;
}

export type FieldDecryptionProblem = 'format' | 'unknownVersion' | 'mac';

/**
 * A sealed value could not be opened. The message names only the reason:
 * neither the sealed text nor anything decrypted from it, because error
 * messages end up in logs (SECURITY.md 22).
 */
export class FieldDecryptionError extends Error {
  constructor(readonly problem: FieldDecryptionProblem) {
    super(
      {
        format: 'sealed field is not in the fj1 format',
        unknownVersion: 'sealed field names a key version this keyring does not hold',
        mac: 'sealed field failed its integrity check (wrong key or altered value)',
      }[problem],
    );
    this.name = 'FieldDecryptionError';
  }
}

const FORMAT = 'fj1';
const IV_BYTES = 16;
// 22 characters of base64url are 16 bytes (the IV), 43 are 32 bytes (an SM3 MAC).
const SEALED = /^fj1\.([1-9]\d{0,8})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]{43})$/;

function checkKey(key: DataKey): void {
  if (!Number.isSafeInteger(key.version) || key.version < 1 || key.version > 999_999_999) {
    throw new RangeError('data key version must be a positive integer');
  }
  if (key.encryptionKey.length !== 16) throw new RangeError('SM4 keys are 16 bytes');
  if (key.macKey.length !== 32) throw new RangeError('the HMAC-SM3 key must be 32 bytes');
}

/**
 * Encrypts one field with SM4-CTR, then MACs the whole stored string with
 * HMAC-SM3 (encrypt-then-MAC, SECURITY.md 18). The IV is random per value, so
 * equal plaintexts give unequal sealed values; equality look-ups use
 * `Keyring.lookupHash` instead.
 */
export function sealField(key: DataKey, plaintext: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('sm4-ctr', key.encryptionKey, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const body = `${FORMAT}.${key.version}.${iv.toString('base64url')}.${ciphertext.toString('base64url')}`;
  return `${body}.${hmacSm3(key.macKey, body).toString('base64url')}`;
}

/** The key version a sealed value was sealed with, read without opening it. */
export function sealedKeyVersion(sealed: string): number {
  const match = SEALED.exec(sealed);
  if (!match) throw new FieldDecryptionError('format');
  return Number(match[1]);
}

/** Verifies a sealed value's MAC and only then decrypts it. */
export function openField(keys: (version: number) => DataKey | undefined, sealed: string): string {
  const match = typeof sealed === 'string' ? SEALED.exec(sealed) : null;
  if (!match) throw new FieldDecryptionError('format');
  const [, versionText = '', ivText = '', ciphertextText = '', macText = ''] = match;
  const version = Number(versionText);
  const key = keys(version);
  if (key === undefined || key.version !== version) throw new FieldDecryptionError('unknownVersion');
  checkKey(key);
  const body = sealed.slice(0, sealed.lastIndexOf('.'));
  // Comparing the encoded text, not decoded bytes: base64url decoding ignores
  // the unused low bits of the last character, so bytes alone would let a
  // stored value be altered without failing the check.
  const expected = Buffer.from(hmacSm3(key.macKey, body).toString('base64url'));
  const given = Buffer.from(macText);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new FieldDecryptionError('mac');
  }
  const decipher = createDecipheriv('sm4-ctr', key.encryptionKey, Buffer.from(ivText, 'base64url'));
  const plaintext = Buffer.concat([
    decipher.update(Buffer.from(ciphertextText, 'base64url')),
    decipher.final(),
  ]);
  return plaintext.toString('utf8');
}
