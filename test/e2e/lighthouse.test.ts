import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse, { type Flags, type Result } from 'lighthouse';
import { chromium as playwright } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/index.ts';
import { signedInVisitor, type TestApp } from '../support/app.ts';
import { chromiumArgs, chromiumPath, servedApp } from './browser.ts';

/** The main public pages, each audited in both languages. */
const paths = [
  '/',
  '/accessibility',
  '/preferences',
  '/api/docs',
  '/login',
  '/login/resident',
  '/products',
  '/subsidy-catalogs',
  '/subsidy-catalogs/2026/items/12220301',
  '/research',
  '/needs/topics',
];
const locales = ['zh-CN', 'en'] as const;

/**
 * The fitting pages each role works in, audited with that role's session
 * cookie (the case page is demo-resident's oldest case).
 */
const signedInPages: readonly { readonly username: string; readonly paths: readonly string[] }[] = [
  { username: 'demo-resident', paths: ['/my/applications', '/my/record', 'own-case'] },
  { username: 'demo-community-worker', paths: ['/cases', '/people'] },
];

/** One run takes about 5 s here; these bound a hung run and the whole file. */
const runTimeout = 30_000;
const fileBudget = 240_000;

/**
 * Lighthouse reaches the browser over the DevTools protocol on loopback only, with no
 * screen emulation and no screenshots. 'simulate' throttling changes nothing in the browser
 * (it only models performance metrics, which are not gathered here) and keeps Lighthouse's
 * 1 s quiet windows; 'provided' would stretch each to 5.25 s for the same result.
 * Best practices is only reported in the summary, with the ids of the audits it failed.
 */
const flags = (port: number, signedIn = false): Flags => ({
  port,
  // A signed-in run keeps the session cookie put in the browser beforehand (Chrome ignores a Cookie header
  // given as an extra header); storage is cleared between runs by `signInBrowser` instead.
  ...(signedIn ? { disableStorageReset: true } : {}),
  hostname: '127.0.0.1',
  output: 'json',
  logLevel: 'error',
  onlyCategories: ['accessibility', 'best-practices'],
  formFactor: 'desktop',
  screenEmulation: { disabled: true },
  throttlingMethod: 'simulate',
  disableFullPageScreenshot: true,
  maxWaitForFcp: 15_000,
  maxWaitForLoad: 15_000,
});

let t: TestApp;
let base: string;
let chromium: ChildProcess | undefined;
let profile: string | undefined;
let port: number;
let deadline: number;
/** Each signed-in persona's session cookie, and demo-resident's case page. */
const cookies = new Map<string, string>();
let ownCase = '';
const summary: string[] = [];

/** Starts Chromium with a DevTools port it picks itself and resolves with that port. */
function startChromium(userDataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    chromiumPath,
    [
      ...chromiumArgs,
      '--window-size=1350,940',
      '--remote-debugging-port=0',
      `--user-data-dir=${userDataDir}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let stderr = '';
    let listening = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Chromium did not open a DevTools port within 30 s:\n${stderr}`));
    }, 30_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!listening) {
        reject(new Error(`Chromium exited with ${code} before opening a DevTools port:\n${stderr}`));
      }
    });
    child.stderr?.setEncoding('utf8');
    // Kept draining after the port is known, so Chromium never blocks on a full pipe.
    child.stderr?.on('data', (chunk: string) => {
      if (listening) return;
      stderr += chunk;
      const port = /DevTools listening on ws:\/\/[^/]+:(\d+)\//.exec(stderr)?.[1];
      if (port) {
        listening = true;
        clearTimeout(timer);
        resolve({ child, port: Number(port) });
      }
    });
  });
}

function stopChromium(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Fails after `runTimeout`, or sooner when the file's budget runs out, instead of hanging. */
function bounded<T>(work: () => Promise<T>, label: string): Promise<T> {
  const ms = Math.min(runTimeout, deadline - Date.now());
  if (ms <= 0)
    return Promise.reject(new Error(`${label}: not run, the ${fileBudget / 1000} s budget is used up`));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no Lighthouse report within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work(), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Audits that pull a category below 100: those that count (the report has already set
 * not-applicable, manual and informative ones to weight 0) and did not pass, including
 * any that errored, which leave the category without a score.
 */
function failingAudits(lhr: Result, categoryId: string): string[] {
  const category = lhr.categories[categoryId];
  if (!category) return [`(the report has no ${categoryId} category)`];
  return category.auditRefs
    .filter((ref) => ref.weight > 0)
    .flatMap((ref) => {
      const audit = lhr.audits[ref.id];
      if (!audit) return [`${ref.id}: (missing from the report)`];
      if (audit.score === 1) return [];
      const why = audit.errorMessage ? ` [error: ${audit.errorMessage}]` : '';
      return [`${audit.id}: ${audit.title}${why}`];
    });
}

const percent = (score: number | null): string => (score === null ? 'n/a' : String(Math.round(score * 100)));

beforeAll(async () => {
  deadline = Date.now() + fileBudget;
  ({ t, base } = await servedApp());
  for (const { username } of signedInPages)
    cookies.set(username, (await signedInVisitor(t.app, username)).cookie);
  const [own] = await t.database.db.query<{ id: string }>(
    sql`select c.id from fitting_case c join person p on p.id = c.person_id join app_user u on u.id = p.user_id
        where u.username = 'demo-resident' order by c.created_at limit 1`,
  );
  ownCase = `/applications/${own?.id}`;
  profile = mkdtempSync(join(tmpdir(), 'fuju-lighthouse-'));
  const started = await startChromium(profile);
  chromium = started.child;
  port = started.port;
});

afterAll(async () => {
  if (chromium) await stopChromium(chromium);
  if (profile) rmSync(profile, { recursive: true, force: true });
  await t?.close();
  if (summary.length > 0) console.log(`Lighthouse (desktop)\n${summary.join('\n')}`);
});

/** Puts a persona's cookies (session and CSRF) in the browser Lighthouse drives, replacing any before. */
async function signInBrowser(cookie: string): Promise<void> {
  const cdp = await playwright.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const [context] = cdp.contexts();
    if (!context) throw new Error('the browser has no default context');
    await context.clearCookies();
    await context.addCookies(
      cookie.split('; ').map((pair) => {
        const at = pair.indexOf('=');
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: base };
      }),
    );
  } finally {
    await cdp.close();
  }
}

/** Audits one page in one language and records its scores; accessibility must be 100. */
async function audit(locale: string, path: string, cookie?: string) {
  const label = `${locale} ${path}`;
  const url = `${base}${path}?lang=${encodeURIComponent(locale)}`;
  if (cookie !== undefined) await signInBrowser(cookie);
  const result = await bounded(() => lighthouse(url, flags(port, cookie !== undefined)), label);
  const lhr = result?.lhr;
  expect(lhr, `${label}: Lighthouse returned no report`).toBeDefined();
  if (!lhr) return;
  expect(lhr.runtimeError, `${label}: ${lhr.runtimeError?.message}`).toBeUndefined();
  expect(lhr.finalDisplayedUrl).toBe(url);
  const score = lhr.categories.accessibility?.score ?? null;
  const failing = failingAudits(lhr, 'accessibility');
  const practices = failingAudits(lhr, 'best-practices').map((line) => line.split(':')[0]);
  summary.push(
    `  ${path.padEnd(15)} ${locale.padEnd(6)} accessibility ${percent(score)}` +
      `  best-practices ${percent(lhr.categories['best-practices']?.score ?? null)}` +
      (practices.length > 0 ? ` (${practices.join(', ')})` : ''),
  );
  expect(failing, `${label}: failing accessibility audits`).toEqual([]);
  expect(score, `${label}: accessibility score`).toBe(1);
}

describe('Lighthouse accessibility is 100 on the main public pages', () => {
  for (const locale of locales) {
    for (const path of paths) {
      it(`${locale} ${path}`, { timeout: runTimeout + 10_000 }, () => audit(locale, path));
    }
  }
});

describe('Lighthouse accessibility is 100 on the fitting pages, signed in', () => {
  for (const { username, paths: own } of signedInPages) {
    for (const locale of locales) {
      for (const path of own) {
        it(`${username} ${locale} ${path}`, { timeout: runTimeout + 10_000 }, async () => {
          // A signed-in page must be the page itself, not the sign-in page it would redirect to.
          await audit(locale, path === 'own-case' ? ownCase : path, cookies.get(username));
        });
      }
    }
  }
});
