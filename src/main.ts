import { randomBytes } from 'node:crypto';
import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { modules } from './modules/index.ts';
import { loadKeyring, resolveMasterKey } from './platform/crypto/index.ts';
import { migrate, openServerDatabase } from './platform/db/index.ts';
import { generateDemoPassword, isEmpty, seedDemo } from './platform/demo/seed.ts';

/** Longest a shutdown may take before the process gives up waiting (the limit is 10 s). */
const shutdownGraceMs = 8000;

/** Start-up problems are reported in one line: no stack trace for an operator to decode. */
function fail(message: string): never {
  process.stderr.write(`fuju: ${message}\n`);
  process.exit(1);
}

async function start(config: Config): Promise<void> {
  const masterKey = resolveMasterKey({
    masterKey: config.masterKey,
    demo: config.demo,
    dataDir: config.dataDir,
  });
  if (masterKey.warning !== null) process.stderr.write(`fuju: ${masterKey.warning}\n`);
  const database = await openServerDatabase(config);
  const { db } = database;
  await migrate(db);
  const keyring = await loadKeyring(db, masterKey.key);
  if (config.demo && (await isEmpty(db))) {
    const demoPassword = config.demoPassword ?? generateDemoPassword();
    await seedDemo(db, modules, { demoPassword, keyring });
    if (config.demoPassword === undefined) {
      // Shown once, when the demo accounts get it; it is never stored in clear.
      process.stderr.write(`fuju: demo data created; the demo accounts' password is ${demoPassword}\n`);
    }
  }
  const app = await buildApp({ config, db, keyring, cookieSecret: randomBytes(32).toString('hex') });
  await app.listen({ port: config.port, host: config.host });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, shutdownGraceMs);
    force.unref();
    try {
      await app.close(); // stops accepting, waits for in-flight requests
      await database.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? `configuration error: ${error.message}` : String(error));
}
start(config).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  fail(`could not start: ${message}`);
});
