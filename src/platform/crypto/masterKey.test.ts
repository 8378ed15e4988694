import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MasterKeyMissingError, parseMasterKey, resolveMasterKey } from './index.ts';

const scratch = mkdtempSync(join(tmpdir(), 'fuju-master-key-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('master key', () => {
  it('reads base64 of exactly 32 bytes', () => {
    const key = randomBytes(32);
    expect(parseMasterKey(key.toString('base64'))).toEqual(key);
    expect(parseMasterKey(` ${key.toString('base64')}\n`)).toEqual(key);
    expect(parseMasterKey(key.toString('base64').replace(/=$/, ''))).toEqual(key);
  });

  it.each([
    ['31 bytes', randomBytes(31).toString('base64')],
    ['33 bytes', randomBytes(33).toString('base64')],
    ['hex', randomBytes(32).toString('hex')],
    [
      'junk inside',
      `${randomBytes(32).toString('base64').slice(0, 20)}!!${randomBytes(32).toString('base64').slice(22)}`,
    ],
    ['empty', ''],
  ])('refuses %s without repeating the value', (_, raw) => {
    expect(() => parseMasterKey(raw)).toThrow('32 bytes in base64');
    try {
      parseMasterKey(raw);
    } catch (error) {
      if (raw !== '') expect(String(error)).not.toContain(raw.slice(0, 12));
    }
  });

  it('uses a configured key as given', () => {
    const key = randomBytes(32);
    expect(resolveMasterKey({ masterKey: key, demo: true, dataDir: join(scratch, 'unused') })).toEqual({
      key,
      warning: null,
    });
  });

  it('in demo mode creates a private key file once and warns each time it is used', () => {
    const dataDir = join(scratch, 'demo', 'data');
    const first = resolveMasterKey({ masterKey: undefined, demo: true, dataDir });
    expect(first.key).toHaveLength(32);
    expect(first.warning).toMatch(
      /FUJU_MASTER_KEY is not set.*demo key.*never use it for real personal data/,
    );
    const file = join(dataDir, 'master.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(parseMasterKey(readFileSync(file, 'utf8'))).toEqual(first.key);
    const second = resolveMasterKey({ masterKey: undefined, demo: true, dataDir });
    expect(second.key).toEqual(first.key);
    expect(second.warning).not.toBeNull();
  });

  it('refuses a damaged demo key file rather than replacing it', () => {
    const dataDir = join(scratch, 'damaged');
    resolveMasterKey({ masterKey: undefined, demo: true, dataDir });
    writeFileSync(join(dataDir, 'master.key'), 'not a key');
    expect(() => resolveMasterKey({ masterKey: undefined, demo: true, dataDir })).toThrow(
      /does not hold a master key/,
    );
    expect(readFileSync(join(dataDir, 'master.key'), 'utf8')).toBe('not a key');
  });

  it('in production requires FUJU_MASTER_KEY and creates nothing', () => {
    const dataDir = join(scratch, 'production');
    expect(() => resolveMasterKey({ masterKey: undefined, demo: false, dataDir })).toThrow(
      MasterKeyMissingError,
    );
    expect(() => resolveMasterKey({ masterKey: undefined, demo: false, dataDir })).toThrow(/FUJU_MASTER_KEY/);
    expect(() => statSync(dataDir)).toThrow();
  });
});
