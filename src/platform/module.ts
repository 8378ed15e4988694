import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

export type { Config };

import type { EncryptedColumn, Keyring } from './crypto/index.ts';
import type { Db, Queryable } from './db/index.ts';
import type { Assets } from './http/assets.ts';
import type { CatalogSet, Locale } from './i18n/index.ts';

/** A value as the JSON export writes it. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** One fact in a person's own export: its machine form for the file, its words for the page. */
export interface OwnDataField {
  /** The JSON key, in camelCase. */
  readonly key: string;
  readonly label: string;
  readonly value: JsonValue;
  readonly text: string;
}

/** A fact whose words are its value, or the given words (a blank value reads as "—"). */
export const ownField = (key: string, label: string, value: JsonValue, text?: string): OwnDataField => ({
  key,
  label,
  value,
  text: text ?? (value === null || value === '' ? '—' : String(value)),
});

/** One thing held about the person (their record, one case, one response). */
export interface OwnDataRecord {
  readonly heading: string;
  readonly fields: readonly OwnDataField[];
}

/** One kind of thing a module holds about the person, in the language of the request. */
export interface OwnDataSection {
  /** The JSON key, in camelCase; unique across modules. */
  readonly key: string;
  readonly heading: string;
  readonly records: readonly OwnDataRecord[];
}

/**
 * Everything every module holds about the signed-in person, for their export
 * (SECURITY.md 21). Reads only: the export writes its one audit row itself.
 */
export type OwnDataCollector = (userId: string, locale: Locale) => Promise<readonly OwnDataSection[]>;

/** What a module's routes may use. */
export interface ModuleDeps {
  readonly config: Config;
  readonly db: Db;
  readonly assets: Assets;
  /** Seals and opens personal data (SECURITY.md 18). */
  readonly keyring: Keyring;
  /** Every module's part of a person's own data, for identity's export page. */
  readonly ownData: OwnDataCollector;
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
  /**
   * What this module holds about the person with this account, opened and in
   * full: it is their own data. Nobody else's data goes in (SECURITY.md 21).
   */
  ownData?(
    deps: { readonly db: Db; readonly keyring: Keyring },
    userId: string,
    locale: Locale,
  ): Promise<readonly OwnDataSection[]>;
}

/** Asks each module in turn for its part of a person's own data. */
export function ownDataOf(
  modules: readonly FujuModule[],
  deps: { readonly db: Db; readonly keyring: Keyring },
): OwnDataCollector {
  return async (userId, locale) => {
    const sections: OwnDataSection[] = [];
    // One module after another: on PGlite the database runs one statement at a time anyway.
    for (const module of modules)
      if (module.ownData) sections.push(...(await module.ownData(deps, userId, locale)));
    return sections;
  };
}
