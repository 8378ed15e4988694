import type { Config } from '../config.ts';
import { findAccountByUsername, issueToken } from '../modules/identity/index.ts';
import { modules } from '../modules/index.ts';
import { recordAudit } from '../platform/audit/index.ts';
import { resolveMasterKey, rotateFieldKey } from '../platform/crypto/index.ts';
import { migrate, openCommandDatabase } from '../platform/db/index.ts';
import type { Command } from './commands.ts';
import { UsageError } from './commands.ts';

const tokenUsage = 'usage: fuju token create --user <username> [--ttl <hours>] [--label <text>]';

/** Reads `--name value` pairs; anything else is a usage error. */
function options(args: readonly string[], allowed: readonly string[], usage: string): Map<string, string> {
  const found = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i] ?? '';
    const value = args[i + 1];
    if (!name.startsWith('--') || !allowed.includes(name.slice(2)) || value === undefined)
      throw new UsageError(usage);
    found.set(name.slice(2), value);
  }
  return found;
}

async function createToken(args: readonly string[], config: Config, print: (line: string) => void) {
  const [verb, ...rest] = args;
  if (verb !== 'create') throw new UsageError(tokenUsage);
  const given = options(rest, ['user', 'ttl', 'label'], tokenUsage);
  const username = given.get('user');
  if (username === undefined) throw new UsageError(tokenUsage);
  const ttlText = given.get('ttl');
  if (ttlText !== undefined && !/^[1-9]\d{0,5}$/.test(ttlText)) {
    throw new UsageError('--ttl is a whole number of hours from 1 to 999999');
  }
  const database = await openCommandDatabase(config);
  try {
    const account = await findAccountByUsername(database.db, username.trim().toLowerCase());
    if (!account || account.disabled) throw new Error(`no active user named "${username}"`);
    const created = await issueToken(database.db, null, null, {
      userId: account.id,
      label: given.get('label') ?? 'fuju token create',
      ttlHours: ttlText === undefined ? null : Number(ttlText),
    });
    print(
      `token for ${username} (id ${created.id}), ${created.expiresAt ? `expires ${created.expiresAt.toISOString()}` : 'no expiry'}; it is shown only now:`,
    );
    // The last line is the token alone, so a script can take it with `tail -n 1`.
    print(created.token);
  } finally {
    await database.close();
  }
}

async function rotateKeys(args: readonly string[], config: Config, print: (line: string) => void) {
  if (args.length !== 1 || args[0] !== 'rotate') throw new UsageError('usage: fuju keys rotate');
  const { key } = resolveMasterKey({
    masterKey: config.masterKey,
    demo: config.demo,
    dataDir: config.dataDir,
  });
  const database = await openCommandDatabase(config);
  try {
    await migrate(database.db);
    let reported = 0;
    const result = await rotateFieldKey(
      database.db,
      key,
      modules.flatMap((m) => m.encryptedColumns ?? []),
      (done, total) => {
        if (done - reported >= 1000 || done === total) {
          reported = done;
          process.stderr.write(`re-encrypted ${done} of ${total} values\n`);
        }
      },
    );
    await recordAudit(database.db, {
      actor: { userId: null, label: 'system (fuju keys rotate)', organisationId: null },
      action: 'keys.rotate',
      outcome: 'success',
      sourceAddress: null,
      detail: { version: result.version, reencrypted: result.reencrypted },
    });
    print(
      `field key version ${result.version} is now in use; ${result.reencrypted} values re-encrypted (via ${database.via})`,
    );
  } finally {
    await database.close();
  }
}

export const identityCommands: Command[] = [
  {
    name: 'token',
    summary: 'token create --user <username> [--ttl <hours>] — an API token acting as that user (shown once)',
    run: createToken,
  },
  {
    name: 'keys',
    summary: 'keys rotate — a new key for personal data; every encrypted value is re-encrypted with it',
    run: rotateKeys,
  },
];
