import { createHash, createHmac } from 'node:crypto';

/** SM3 (GB/T 32905-2016) digest as lowercase hex. */
export function sm3Hex(data: string | Uint8Array): string {
  return createHash('sm3').update(data).digest('hex');
}

/** HMAC with SM3 (GB/T 15852.2), the MAC the commercial-cryptography rules expect. */
export function hmacSm3(key: Uint8Array, data: string | Uint8Array): Buffer {
  return createHmac('sm3', key).update(data).digest();
}
