import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** RFC 6238 defaults, which every authenticator app supports. */
const STEP_SECONDS = 30;
const DIGITS = 6;
const SECRET_BYTES = 20;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Lenient as people type a secret: any case, spaces and hyphens between groups, optional padding. */
function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/=+$/, '');
  if (clean === '' || !/^[A-Z2-7]+$/.test(clean)) throw new RangeError('a TOTP secret must be base32');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    value = ((value << 5) | BASE32.indexOf(ch)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new secret: 20 random bytes (RFC 4226's recommended length) in base32 without padding. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(SECRET_BYTES));
}

function hotp(key: Buffer, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

const stepAt = (unixSeconds: number): number => Math.floor(unixSeconds / STEP_SECONDS);

/** The code for the 30-second step containing `unixSeconds`. */
export function totpAt(secretBase32: string, unixSeconds: number, digits: number = DIGITS): string {
  return hotp(base32Decode(secretBase32), stepAt(unixSeconds), digits);
}

/**
 * Checks a code against the current step and one step either side (clocks
 * drift, people type slowly). Returns the matched step, which the caller
 * stores as `lastUsedStep`: a step at or before it is refused, so a code seen
 * over someone's shoulder cannot be used again (RFC 6238 §5.2).
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  unixSeconds: number,
  lastUsedStep: number | null,
): number | null {
  const given = String(code).replace(/\s/g, '');
  if (!new RegExp(`^\\d{${DIGITS}}$`).test(given)) return null;
  const key = base32Decode(secretBase32);
  const now = stepAt(unixSeconds);
  let matched: number | null = null;
  // Every candidate is computed and compared, so the time taken does not say which one matched.
  for (const step of [now - 1, now, now + 1]) {
    const equal = timingSafeEqual(Buffer.from(hotp(key, step, DIGITS)), Buffer.from(given));
    if (equal && matched === null && (lastUsedStep === null || step > lastUsedStep)) matched = step;
  }
  return matched;
}

/** The `otpauth://` URI authenticator apps read from a QR code (Google Authenticator key URI format). */
export function otpauthUri(options: { secret: string; account: string; issuer: string }): string {
  const issuer = encodeURIComponent(options.issuer);
  const label = `${issuer}:${encodeURIComponent(options.account)}`;
  const query = `secret=${options.secret}&issuer=${issuer}&algorithm=SHA1&digits=${DIGITS}&period=${STEP_SECONDS}`;
  return `otpauth://totp/${label}?${query}`;
}

/** `JBSW Y3DP EHPK 3PXP`: easier to read aloud or type than one long run. */
export function formatSecretForReading(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}
