import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modules } from './modules/index.ts';
import { actionPattern } from './platform/audit/entry.ts';
import { actions } from './platform/auth/index.ts';

const src = fileURLToPath(new URL('.', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Where each relative import of a file points, relative to src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from '(\.[^']+)'/g)].map((m) => relative(src, resolve(file, '..', m[1] ?? '')));
}

describe('module boundaries', () => {
  it('modules reach other modules and the platform only through their index.ts', () => {
    const breaches: string[] = [];
    for (const file of sourceFiles(join(src, 'modules'))) {
      const own = relative(src, file).split('/').slice(0, 2).join('/');
      for (const target of importsOf(file)) {
        if (target.startsWith(`${own}/`) || target.startsWith('../test/support/')) continue;
        const allowed =
          /^modules\/[a-zA-Z0-9]+\/index\.ts$/.test(target) ||
          /^platform\/[a-z0-9]+\/index\.ts$/.test(target) ||
          target === 'platform/module.ts';
        if (!allowed) breaches.push(`${relative(src, file)} → ${target}`);
      }
    }
    expect(breaches).toEqual([]);
  });

  it('the check sees imports at all', () => {
    expect(importsOf(join(src, 'modules/portal/pages.tsx'))).toContain('platform/ui/index.ts');
  });
});

describe('sealed columns', () => {
  it('every *_sealed column of the migrations is re-encrypted by `fuju keys rotate`', () => {
    const migrations = fileURLToPath(new URL('../migrations', import.meta.url));
    const declared = new Set<string>();
    for (const name of readdirSync(migrations)) {
      let table = '';
      for (const line of readFileSync(join(migrations, name), 'utf8').split('\n')) {
        table = /^create table (\w+)/.exec(line)?.[1] ?? table;
        const column = /^\s+(\w+_sealed)\s/.exec(line)?.[1];
        if (column !== undefined) declared.add(`${table}.${column}`);
        const added = /alter table (\w+) add column (\w+_sealed)/.exec(line);
        if (added) declared.add(`${added[1]}.${added[2]}`);
      }
    }
    const rotated = new Set(
      modules.flatMap((m) => m.encryptedColumns ?? []).map((c) => `${c.table}.${c.column}`),
    );
    expect(declared.size).toBeGreaterThan(6);
    expect([...declared].filter((c) => !rotated.has(c))).toEqual([]);
  });
});

describe('authorisation actions', () => {
  it('every action can be written to the audit trail (a refusal records it)', () => {
    expect(actions.filter((action) => !actionPattern.test(action))).toEqual([]);
  });
});
