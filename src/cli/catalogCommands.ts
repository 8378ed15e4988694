import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import {
  currentDivisionCodes,
  importFileForSupplier,
  insertPublishedProducts,
  syntheticProducts,
  writeProductsXlsx,
} from '../modules/catalog/index.ts';
import { migrate, openCommandDatabase } from '../platform/db/index.ts';
import type { Command } from './commands.ts';
import { UsageError } from './commands.ts';

const genUsage = 'usage: fuju gen products --count <n> [--seed <n>] [--xlsx <file>]';

/** Reads `--name value` pairs; anything else is a usage error. */
function options(args: readonly string[], allowed: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i] ?? '';
    const value = args[i + 1];
    if (!name.startsWith('--') || !allowed.includes(name.slice(2)) || value === undefined)
      throw new UsageError(genUsage);
    found.set(name.slice(2), value);
  }
  return found;
}

const wholeNumber = (text: string | undefined, name: string, max: number, fallback?: number): number => {
  if (text === undefined && fallback !== undefined) return fallback;
  if (text === undefined || !/^[1-9]\d{0,6}$/.test(text) || Number(text) > max)
    throw new UsageError(`--${name} is a whole number from 1 to ${max}`);
  return Number(text);
};

const genCommand: Command = {
  name: 'gen',
  summary:
    'gen products --count N [--seed S] [--xlsx FILE] — a synthetic catalog for benchmarks: published in the database, or written to a spreadsheet for import',
  async run(args, config, print) {
    const [what, ...rest] = args;
    if (what !== 'products') throw new UsageError(genUsage);
    const given = options(rest, ['count', 'seed', 'xlsx']);
    const count = wholeNumber(given.get('count'), 'count', 1_000_000);
    const seed = wholeNumber(given.get('seed'), 'seed', 1_000_000, 1);
    const products = syntheticProducts(count, seed);
    const file = given.get('xlsx');
    if (file !== undefined) {
      const output = createWriteStream(file);
      await writeProductsXlsx(
        output,
        products.map((p) => ({
          id: '',
          supplierNameZh: p.supplierNameZh,
          supplierNameEn: '',
          status: 'draft',
          version: 1,
          details: p.details,
          replacesModel: null,
        })),
        'zh-CN',
      );
      await finished(output);
      print(`wrote ${count} synthetic products to ${file}`);
      return;
    }
    if (!config.demo) throw new UsageError('synthetic products are never added when NODE_ENV=production');
    const database = await openCommandDatabase(config);
    try {
      await migrate(database.db);
      const started = Date.now();
      await database.db.transaction((tx) => insertPublishedProducts(tx, products, { isDemo: true }));
      print(
        `added ${count} synthetic published products in ${Date.now() - started} ms (via ${database.via})`,
      );
    } finally {
      await database.close();
    }
  },
};

const importUsage = 'usage: fuju import products --supplier <name or id> --file <file.xlsx|file.csv>';

/** Imports a supplier's spreadsheet from the command line; prints the report, exits 1 when refused. */
export const importCommand: Command = {
  name: 'import',
  summary:
    'import products --supplier NAME --file FILE — a supplier’s products from xlsx or csv, all rows or none',
  async run(args, config, print) {
    const [what, ...rest] = args;
    if (what !== 'products') throw new UsageError(importUsage);
    const given = new Map<string, string>();
    for (let i = 0; i < rest.length; i += 2) {
      const name = rest[i] ?? '';
      const value = rest[i + 1];
      if (!['--supplier', '--file'].includes(name) || value === undefined) throw new UsageError(importUsage);
      given.set(name.slice(2), value);
    }
    const supplier = given.get('supplier');
    const filePath = given.get('file');
    if (supplier === undefined || filePath === undefined) throw new UsageError(importUsage);
    const database = await openCommandDatabase(config);
    try {
      const started = Date.now();
      const record = await importFileForSupplier(database.db, {
        supplier,
        filePath,
        operator: process.env.USER ?? 'operator',
        knownIsoCodes: await currentDivisionCodes(database.db),
      });
      for (const p of record.problems.slice(0, 50))
        print(`row ${p.row}${p.column ? `, column ${p.column}` : ''}: ${p.message}`);
      print(
        `${record.status}: ${record.importedRows} of ${record.totalRows} rows imported as drafts in ${Date.now() - started} ms, peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
      );
      if (record.status !== 'imported')
        throw new Error(`nothing imported (${record.problems.length} problems)`);
    } finally {
      await database.close();
    }
  },
};

export const catalogCommands: readonly Command[] = [genCommand, importCommand];
