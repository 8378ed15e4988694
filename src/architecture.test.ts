import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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
          /^modules\/[a-z0-9]+\/index\.ts$/.test(target) ||
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
