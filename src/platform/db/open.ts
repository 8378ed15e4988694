import { mkdirSync } from 'node:fs';
import type { Config } from '../../config.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { maxDataDirLength, serveOnSocket, serverIsRunning, socketConnectionString } from './socket.ts';
import type { Db } from './types.ts';

export class DatabaseInUseError extends Error {
  constructor(dataDir: string) {
    super(
      `FUJU_DATA_DIR ${dataDir} is in use by a running Fuju server; stop it first or choose another folder`,
    );
  }
}

export interface OpenDatabase {
  readonly db: Db;
  /** Closes the socket server (if any) and then the database. */
  close(): Promise<void>;
}

function checkDataDir(dataDir: string): void {
  if (Buffer.byteLength(dataDir) > maxDataDirLength) {
    throw new Error(`FUJU_DATA_DIR must be a path of at most ${maxDataDirLength} bytes (got ${dataDir})`);
  }
  mkdirSync(dataDir, { recursive: true });
}

/** The server opens the database and, when embedded, shares it on a socket. */
export async function openServerDatabase(config: Config): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    const db = openPostgres(config.databaseUrl);
    return { db, close: () => db.close() };
  }
  checkDataDir(config.dataDir);
  if (await serverIsRunning(config.dataDir)) throw new DatabaseInUseError(config.dataDir);
  const db = await openPglite({ dataDir: config.dataDir });
  const socket = await serveOnSocket(db, config.dataDir);
  return {
    db,
    async close() {
      await socket.stop();
      await db.close();
    },
  };
}

/** A command goes through a running server when there is one, never around it. */
export async function openCommandDatabase(config: Config): Promise<OpenDatabase & { via: string }> {
  if (config.databaseUrl) {
    const db = openPostgres(config.databaseUrl, { max: 2 });
    return { db, via: 'DATABASE_URL', close: () => db.close() };
  }
  checkDataDir(config.dataDir);
  if (await serverIsRunning(config.dataDir)) {
    const db = openPostgres(socketConnectionString(config.dataDir), { max: 1 });
    return { db, via: 'running server', close: () => db.close() };
  }
  const db = await openPglite({ dataDir: config.dataDir });
  return { db, via: 'data directory', close: () => db.close() };
}
