import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

export type { Config };

import type { EncryptedColumn, Keyring } from './crypto/index.ts';
import type { Db, Queryable } from './db/index.ts';
import type { Assets } from './http/assets.ts';
import type { CatalogSet } from './i18n/index.ts';

/** What a module's routes may use. */
export interface ModuleDeps {
  readonly config: Config;
  readonly db: Db;
  readonly assets: Assets;
  /** Seals and opens personal data (SECURITY.md 18). */
  readonly keyring: Keyring;
}

export interface DemoContext {
  /** Password for demo accounts (FUJU_DEMO_PASSWORD, or one generated at start). */
  readonly demoPassword: string;
  readonly keyring: Keyring;
}

/**
 * A module is one folder under src/modules: its routes, its demo data and its
 * message catalogs. The app registers each module as one Fastify plugin.
 */
export interface FujuModule {
  readonly name: string;
  routes(app: FastifyInstance, deps: ModuleDeps): Promise<void> | void;
  /** Fills an empty database with this module's demo data, inside the seeding transaction. */
  seedDemo?(tx: Queryable, context: DemoContext): Promise<Record<string, number>>;
  readonly messages: readonly CatalogSet[];
  /** Sealed columns this module owns, re-encrypted by `fuju keys rotate` (SECURITY.md 18). */
  readonly encryptedColumns?: readonly EncryptedColumn[];
}
