import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class MasterKeyMissingError extends Error {
  constructor() {
    super('FUJU_MASTER_KEY must be set in production: 32 random bytes in base64 (openssl rand -base64 32)');
    this.name = 'MasterKeyMissingError';
  }
}

/**
 * Reads a master key given as base64 of exactly 32 bytes. The message never
 * repeats the value: it is a secret, and messages reach logs and terminals.
 */
export function parseMasterKey(raw: string): Buffer {
  const text = raw.trim();
  // Buffer.from(…, 'base64') skips characters it does not know, so the text is checked first.
  const key = /^[A-Za-z0-9+/]{43}=?$/.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (key === undefined || key.length !== 32 || key.toString('base64').slice(0, 43) !== text.slice(0, 43)) {
    throw new Error('the master key must be 32 bytes in base64 (openssl rand -base64 32)');
  }
  return key;
}

/**
 * The master key for this process: the configured one; in demo mode a key
 * kept in the data folder (created on first start); in production none, which
 * stops start-up rather than sealing real data with a key stored beside it.
 */
export function resolveMasterKey(options: {
  masterKey: Buffer | undefined;
  demo: boolean;
  dataDir: string;
}): {
  key: Buffer;
  warning: string | null;
} {
  if (options.masterKey !== undefined) return { key: options.masterKey, warning: null };
  if (!options.demo) throw new MasterKeyMissingError();
  const file = join(options.dataDir, 'master.key');
  const warning = `FUJU_MASTER_KEY is not set: using the generated demo key in ${file}; never use it for real personal data`;
  return { key: readOrCreateDemoKey(file, options.dataDir), warning };
}

function readOrCreateDemoKey(file: string, dataDir: string): Buffer {
  try {
    return parseDemoKey(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Written under a private name and then linked into place: link refuses to
  // replace an existing file, so two processes starting at once agree on one
  // key, and neither ever reads a half-written file.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  return parseDemoKey(file);
}

function parseDemoKey(file: string): Buffer {
  const text = readFileSync(file, 'utf8');
  try {
    return parseMasterKey(text);
  } catch {
    throw new Error(
      `${file} does not hold a master key (32 bytes in base64); remove it only if no data was sealed with it`,
    );
  }
}
