import { readFileSync } from 'node:fs';
import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { checkPassword, dummyVerify, hashPassword, needsRehash, verifyPassword } from './index.ts';

const staff = { minLength: 10, requireComplexity: true, related: ['zhangsan', 'zhang.san@example.cn'] };
const resident = { minLength: 10, requireComplexity: false, related: ['li'] };

describe('password hashing (argon2id)', () => {
  it('hashes with argon2id at OWASP’s figures and verifies', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse batterY')).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('answers false, never throws, for a hash it cannot read', async () => {
    for (const bad of [
      '',
      'plain',
      '$argon2id$v=19$m=19456,t=2,p=1$xx$yy',
      '$2b$10$abcdefghijklmnopqrstuv',
    ]) {
      expect(await verifyPassword(bad, 'anything')).toBe(false);
      expect(needsRehash(bad)).toBe(true);
    }
  });

  it('asks for a re-hash of hashes made with other parameters', async () => {
    expect(needsRehash(await hash('x', { memoryCost: 4096, timeCost: 3, parallelism: 1 }))).toBe(true);
    expect(
      needsRehash(await hash('x', { algorithm: 1, memoryCost: 19456, timeCost: 2, parallelism: 1 })),
    ).toBe(true);
  });

  it('makes the dummy check with the same parameters as real hashes, so it costs the same', async () => {
    // Equal cost follows from equal parameters; the sign-in benchmark measures the times themselves.
    const stored = await hashPassword('some password 123');
    expect(needsRehash(stored)).toBe(false);
    expect(await dummyVerify('some password 123')).toBe(false);
    expect(await dummyVerify()).toBe(false);
  });
});

describe('password rules', () => {
  it('accepts a good password', () => {
    expect(checkPassword('Xian-Tower-2026', staff)).toBeNull();
    expect(checkPassword('bell tower at dusk', resident)).toBeNull();
  });

  it('counts length in characters', () => {
    expect(checkPassword('Short1!', staff)).toBe('tooShort');
    expect(checkPassword('我在西安钟楼等你来看看', resident)).toBeNull();
    expect(checkPassword('西安钟楼', resident)).toBe('tooShort');
  });

  it('refuses common passwords in any case', () => {
    expect(checkPassword('woaini1314', resident)).toBe('common');
    expect(checkPassword('1qaz2wsx3edc', resident)).toBe('common');
    expect(checkPassword('PASSWORD123', { ...resident, minLength: 8 })).toBe('common');
    expect(checkPassword('1234567890', resident)).toBe('common');
  });

  it('refuses a password containing the user name, ignoring very short names', () => {
    expect(checkPassword('ZhangSan#2026!', staff)).toBe('containsUsername');
    expect(checkPassword('Li-Bridge-Street', resident)).toBeNull();
  });

  it('asks for three kinds of character when complexity is on', () => {
    expect(checkPassword('alllowercaseletters', staff)).toBe('complexity');
    expect(checkPassword('lowercase and 123', staff)).toBeNull(); // lower, digit, space
    expect(checkPassword('UPPER lower words', staff)).toBeNull();
    expect(checkPassword('alllowercaseletters', resident)).toBeNull();
  });

  it('has a list of at least 500 common passwords, English and Chinese', () => {
    const entries = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(entries.length).toBeGreaterThanOrEqual(500);
    expect(new Set(entries).size).toBe(entries.length);
    for (const known of ['123456', '123456789', '5201314', 'woaini1314', 'a123456', 'qq123456', '1qaz2wsx']) {
      expect(entries).toContain(known);
    }
    for (const known of ['147258369', '11111111', 'zxcvbnm', 'iloveyou', 'password', 'qwerty']) {
      expect(entries).toContain(known);
    }
  });
});
