import { createCipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DataKey, FieldDecryptionError, openField, sealedKeyVersion, sealField } from './index.ts';

const makeKey = (version: number): DataKey => ({
  version,
  encryptionKey: randomBytes(16),
  macKey: randomBytes(32),
});
const key = makeKey(3);
const keys = (version: number) => (version === key.version ? key : undefined);

function problemOf(open: () => unknown): string | undefined {
  try {
    open();
  } catch (error) {
    if (error instanceof FieldDecryptionError) return error.problem;
    throw error;
  }
  return undefined;
}

describe('field cipher (SM4-CTR + HMAC-SM3)', () => {
  it('uses an SM4 that matches the example of GB/T 32907-2016', () => {
    const k = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const cipher = createCipheriv('sm4-ecb', k, null).setAutoPadding(false);
    expect(Buffer.concat([cipher.update(k), cipher.final()]).toString('hex')).toBe(
      '681edf34d206965e86b3e94f536e4246',
    );
  });

  it('seals into the fj1 format and opens again', () => {
    const sealed = sealField(key, '610113199001011234');
    expect(sealed).toMatch(/^fj1\.3\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{43}$/);
    expect(sealedKeyVersion(sealed)).toBe(3);
    expect(openField(keys, sealed)).toBe('610113199001011234');
    expect(openField(keys, sealField(key, ''))).toBe('');
    expect(openField(keys, sealField(key, '陕西省西安市雁塔区小寨东路1号'))).toBe(
      '陕西省西安市雁塔区小寨东路1号',
    );
  });

  it('seals equal values differently (random IV)', () => {
    expect(sealField(key, 'same')).not.toBe(sealField(key, 'same'));
  });

  it('refuses an altered value, another key and an unknown version', () => {
    const sealed = sealField(key, '13812341234');
    const [format, version, iv, ciphertext, mac] = sealed.split('.') as [
      string,
      string,
      string,
      string,
      string,
    ];
    const flip = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    expect(problemOf(() => openField(keys, [format, version, flip(iv), ciphertext, mac].join('.')))).toBe(
      'mac',
    );
    expect(problemOf(() => openField(keys, [format, version, iv, flip(ciphertext), mac].join('.')))).toBe(
      'mac',
    );
    expect(problemOf(() => openField(keys, [format, version, iv, ciphertext, flip(mac)].join('.')))).toBe(
      'mac',
    );
    expect(problemOf(() => openField(keys, [format, '4', iv, ciphertext, mac].join('.')))).toBe(
      'unknownVersion',
    );
    const other = { ...makeKey(3) };
    expect(problemOf(() => openField(() => other, sealed))).toBe('mac');
    expect(problemOf(() => openField(() => key, sealed.replace(/^fj1\.3\./, 'fj1.03.')))).toBe('format');
    expect(problemOf(() => openField(keys, '13812341234'))).toBe('format');
    expect(problemOf(() => openField(keys, `${sealed}.`))).toBe('format');
    expect(() => sealedKeyVersion('plain')).toThrow(FieldDecryptionError);
  });

  it('says nothing about the value in its error', () => {
    const sealed = sealField(key, '610113199001011234');
    const altered = `${sealed.slice(0, -1)}${sealed.endsWith('A') ? 'B' : 'A'}`;
    try {
      openField(keys, altered);
      expect.unreachable();
    } catch (error) {
      const text = `${String(error)} ${JSON.stringify(error)}`;
      expect(text).not.toContain('610113');
      expect(text).not.toContain(altered.split('.')[3]);
    }
  });

  it('refuses keys of the wrong size', () => {
    expect(() => sealField({ ...key, encryptionKey: randomBytes(32) }, 'x')).toThrow(RangeError);
    expect(() => sealField({ ...key, macKey: randomBytes(16) }, 'x')).toThrow(RangeError);
    expect(() => sealField({ ...key, version: 0 }, 'x')).toThrow(RangeError);
  });

  it('property: any text opens to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(openField(keys, sealField(key, text))).toBe(text);
      }),
    );
  });

  it('property: changing any one character of a sealed value is detected', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    fc.assert(
      fc.property(fc.string(), fc.nat(), fc.constantFrom(...alphabet), (text, at, replacement) => {
        const sealed = sealField(key, text);
        const position = at % sealed.length;
        fc.pre(sealed[position] !== replacement);
        const altered = sealed.slice(0, position) + replacement + sealed.slice(position + 1);
        expect(problemOf(() => openField(keys, altered))).toBeDefined();
      }),
    );
  });
});
