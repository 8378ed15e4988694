import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A fingerprint of everything that shapes a template database (migrations and
 * seed data), so a template is rebuilt exactly when one of them changes.
 */
export function templateFingerprint(): string {
  const hash = createHash('sha256');
  const addTree = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) addTree(`${path}/${name}`);
    } else hash.update(path).update(readFileSync(path));
  };
  addTree(`${repoRoot}migrations`);
  addTree(`${repoRoot}seed/xian`);
  // The code that writes demo data shapes the template as much as the data does: every file or folder
  // under src/modules named for demo data (demo.ts, demo/, needTopicsDemo.ts) or generating it (generate.ts).
  const addDemoCode = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      const full = `${path}/${name}`;
      if (/demo/i.test(name) || name === 'generate.ts') addTree(full);
      else if (statSync(full).isDirectory()) addDemoCode(full);
    }
  };
  addDemoCode(`${repoRoot}src/modules`);
  hash.update(testMasterKeyBase64);
  return hash.digest('hex').slice(0, 16);
}

export type TemplateKind = 'empty' | 'demo';
export const testDemoPassword = 'demo-password-for-tests';

/** The master key of every test database (templates hold data keys wrapped with it). */
export const testMasterKeyBase64 = Buffer.alloc(32, 7).toString('base64');
export const testMasterKey = Buffer.from(testMasterKeyBase64, 'base64');

/** The same server URL, naming another database. */
export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.href;
}
