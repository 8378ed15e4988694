import type { Config } from '../config.ts';
import { modules } from '../modules/index.ts';
import { loadKeyring, resolveMasterKey } from '../platform/crypto/index.ts';
import { migrate, openCommandDatabase } from '../platform/db/index.ts';
import { generateDemoPassword, seedDemo } from '../platform/demo/seed.ts';
import { auditCommands } from './auditCommands.ts';
import { catalogCommands } from './catalogCommands.ts';
import { identityCommands } from './identityCommands.ts';
import { policyCommands } from './policyCommands.ts';

export interface Command {
  readonly name: string;
  readonly summary: string;
  run(args: readonly string[], config: Config, print: (line: string) => void): Promise<void>;
}

/** Usage errors are the caller's to fix, so they say what is expected. */
export class UsageError extends Error {}

const baseCommands: readonly Command[] = [
  {
    name: 'migrate',
    summary: 'apply pending database migrations (through the running server if there is one)',
    async run(args, config, print) {
      if (args.length > 0) throw new UsageError('takes no arguments');
      const database = await openCommandDatabase(config);
      try {
        const applied = await migrate(database.db);
        print(
          applied.length === 0
            ? `database is up to date (via ${database.via})`
            : `applied ${applied.join(', ')} (via ${database.via})`,
        );
      } finally {
        await database.close();
      }
    },
  },
  {
    name: 'seed',
    summary: 'seed demo — add the demo data (never in production); rows that exist are kept',
    async run(args, config, print) {
      if (args.length !== 1 || args[0] !== 'demo') throw new UsageError('usage: fuju seed demo');
      if (!config.demo) throw new UsageError('demo data is never created when NODE_ENV=production');
      const database = await openCommandDatabase(config);
      try {
        await migrate(database.db);
        const demoPassword = config.demoPassword ?? generateDemoPassword();
        const { key } = resolveMasterKey({
          masterKey: config.masterKey,
          demo: true,
          dataDir: config.dataDir,
        });
        const keyring = await loadKeyring(database.db, key);
        const report = await seedDemo(database.db, modules, { demoPassword, keyring });
        const counts = Object.entries(report).flatMap(([module, figures]) =>
          Object.entries(figures).map(([what, n]) => `${module}.${what}=${n}`),
        );
        print(`demo data in place: ${counts.join(' ')} (via ${database.via})`);
        if (config.demoPassword === undefined) {
          print(
            `demo accounts created now have the password ${demoPassword} (set FUJU_DEMO_PASSWORD to choose it)`,
          );
        }
      } finally {
        await database.close();
      }
    },
  },
];

export const commands: readonly Command[] = [
  ...baseCommands,
  ...auditCommands,
  ...identityCommands,
  ...catalogCommands,
  ...policyCommands,
];

export function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  return [
    'usage: fuju <command> [arguments]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  show this list`,
    '',
    'Configuration comes from the environment (see README.md): DATABASE_URL, FUJU_DATA_DIR, ...',
    '',
  ].join('\n');
}
