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
  const { engine, gate } = db;
  // A socket client takes the server's gate for each statement, and keeps it
  // while its transaction is open: the server's own statements then wait
  // instead of running inside a transaction they did not start (and the
  // client's statements wait for the server's transactions).
  let releaseGate: (() => void) | undefined;
  const releaseIfIdle = () => {
    if (releaseGate && !engine.isInTransaction()) {
      const release = releaseGate;
      releaseGate = undefined;
      release();
    }
  };
  const guarded = new Proxy(engine, {
    get(target, property, receiver) {
      if (property === 'runExclusive') {
        return async <T>(fn: () => Promise<T>) => {
          releaseGate ??= await gate.acquire();
          try {
            return await target.runExclusive(fn);
          } finally {
            releaseIfIdle();
          }
        };
      }
      if (property === 'exec') {
        // The socket server rolls back a disconnected client's transaction with exec().
        return async (query: string) => {
          try {
            return await target.exec(query);
          } finally {
            releaseIfIdle();
          }
        };
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
