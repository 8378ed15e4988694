import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSm3, sm3Hex } from './index.ts';

/** HMAC (RFC 2104) written out over plain SM3, to check the library's HMAC-SM3 against. */
function referenceHmacSm3(key: Buffer, data: Buffer): Buffer {
  const block = 64;
  const k = Buffer.alloc(block);
  (key.length > block ? createHash('sm3').update(key).digest() : key).copy(k);
  const pad = (byte: number) => Buffer.from(k.map((b) => b ^ byte));
  const inner = createHash('sm3').update(pad(0x36)).update(data).digest();
  return createHash('sm3').update(pad(0x5c)).update(inner).digest();
}

describe('SM3', () => {
  it('matches the examples of GB/T 32905-2016', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex('abcd'.repeat(16))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  it('property: HMAC-SM3 is RFC 2104 HMAC over SM3', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ maxLength: 200 }), (key, data) => {
        expect(hmacSm3(key, data)).toEqual(referenceHmacSm3(Buffer.from(key), Buffer.from(data)));
      }),
    );
  });
});
