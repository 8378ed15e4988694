import { describe, expect, it } from 'vitest';
import { formatSecretForReading, generateTotpSecret, otpauthUri, totpAt, verifyTotp } from './index.ts';
import { base32Encode } from './totp.ts';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const rfcSecret = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP (RFC 6238)', () => {
  it('encodes base32 as RFC 4648 does', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(Buffer.from('f'))).toBe('MY');
    expect(rfcSecret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
  ])('matches the RFC’s SHA-1 vector at %i', (time, code) => {
    expect(totpAt(rfcSecret, time, 8)).toBe(code);
    expect(totpAt(rfcSecret, time)).toBe(code.slice(2));
  });

  it('reads a secret as people type it', () => {
    expect(totpAt(formatSecretForReading(rfcSecret).toLowerCase(), 59, 8)).toBe('94287082');
    expect(() => totpAt('not base32!', 59)).toThrow(RangeError);
  });

  it('accepts the current step and one either side, once', () => {
    const now = 1_800_000_000;
    const step = Math.floor(now / 30);
    expect(verifyTotp(rfcSecret, totpAt(rfcSecret, now), now, null)).toBe(step);
    expect(verifyTotp(rfcSecret, totpAt(rfcSecret, now - 30), now, null)).toBe(step - 1);
    expect(verifyTotp(rfcSecret, totpAt(rfcSecret, now + 30), now, null)).toBe(step + 1);
    expect(verifyTotp(rfcSecret, totpAt(rfcSecret, now - 60), now, null)).toBeNull();
    expect(verifyTotp(rfcSecret, totpAt(rfcSecret, now + 60), now, null)).toBeNull();
    // Replay: the step just used, or an earlier one, is refused.
    expect(verifyTotp(rfcSecret, totpAt(rfcSecret, now), now, step)).toBeNull();
    expect(verifyTotp(rfcSecret, totpAt(rfcSecret, now - 30), now, step - 1)).toBeNull();
    expect(verifyTotp(rfcSecret, totpAt(rfcSecret, now), now, step - 1)).toBe(step);
  });

  it('refuses codes that are not 6 digits', () => {
    const code = totpAt(rfcSecret, 59);
    expect(verifyTotp(rfcSecret, ` ${code.slice(0, 3)} ${code.slice(3)} `, 59, null)).toBe(1);
    for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`]) {
      expect(verifyTotp(rfcSecret, bad, 59, null)).toBeNull();
    }
  });

  it('generates 20-byte secrets in unpadded base32', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(secret);
    expect(totpAt(secret, 0)).toMatch(/^\d{6}$/);
  });

  it('writes the otpauth URI and a readable secret', () => {
    expect(otpauthUri({ secret: rfcSecret, account: 'zhang.san@xa.gov.cn', issuer: '西安 辅具' })).toBe(
      'otpauth://totp/%E8%A5%BF%E5%AE%89%20%E8%BE%85%E5%85%B7:zhang.san%40xa.gov.cn' +
        `?secret=${rfcSecret}&issuer=%E8%A5%BF%E5%AE%89%20%E8%BE%85%E5%85%B7&algorithm=SHA1&digits=6&period=30`,
    );
    expect(formatSecretForReading('GEZDGNBVGY3TQOJQGE')).toBe('GEZD GNBV GY3T QOJQ GE');
  });
});
