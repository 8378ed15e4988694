import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A fingerprint of everything that shapes a template database (migrations and
 * seed data), so a template is rebuilt exactly when one of them changes.
 */
export function templateFingerprint(): string {
  const hash = createHash('sha256');
  for (const dir of ['migrations', 'seed/xian']) {
    for (const name of readdirSync(`${repoRoot}${dir}`).sort()) {
      hash.update(name).update(readFileSync(`${repoRoot}${dir}/${name}`));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

export type TemplateKind = 'empty' | 'demo';
export const testDemoPassword = 'demo-password-for-tests';

/** The same server URL, naming another database. */
export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.href;
}
