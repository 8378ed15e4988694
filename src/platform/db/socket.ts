import { existsSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { PgliteDb } from './pglite.ts';

/**
 * PGlite lets one process open a data directory. The server therefore shares
 * its database on a unix socket inside that directory, named as PostgreSQL
 * names its own, so `fuju` commands and an operator's `psql -h <dataDir>`
 * reach the running database instead of opening the directory twice.
 */
export const socketFileName = '.s.PGSQL.5432';

/** Unix socket paths are limited to 107 bytes on Linux. */
export const maxDataDirLength = 107 - socketFileName.length - 1;

export const socketPath = (dataDir: string): string => join(dataDir, socketFileName);

export const socketConnectionString = (dataDir: string): string =>
  `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dataDir)}`;

/** True when a server answers on the data directory's socket. */
export function serverIsRunning(dataDir: string): Promise<boolean> {
  const path = socketPath(dataDir);
  if (!existsSync(path)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const socket = connect({ path });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function serveOnSocket(db: PgliteDb, dataDir: string): Promise<{ stop(): Promise<void> }> {
  const path = socketPath(dataDir);
  // A socket file left by a server that was killed would make listen() fail.
  rmSync(path, { force: true });
  const engine = db.engine;
  // Socket clients' statements wait for the server's own transactions to end,
  // so a command never runs inside a transaction it did not start.
  const guarded = new Proxy(engine, {
    get(target, property, receiver) {
      if (property === 'runExclusive') {
        return <T>(fn: () => Promise<T>) => target._runExclusiveTransaction(() => target.runExclusive(fn));
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const server = new PGLiteSocketServer({ db: guarded, path, maxConnections: 4 });
  await server.start();
  return {
    async stop() {
      await server.stop();
      rmSync(path, { force: true });
    },
  };
}
