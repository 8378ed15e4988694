import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { type TestApp, testApp } from '../support/app.ts';
import { testDemoPassword } from '../support/templates.ts';

/** Flags that let Debian's Chromium run headless as root on a machine without network. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });

/** The platform on a loopback port, with a route that fails for the 500 page. */
export async function servedApp(): Promise<{ t: TestApp; base: string }> {
  const t = await testApp({
    beforeReady: (app) => {
      app.get('/e2e/server-error', { config: { access: 'public' }, schema: { hide: true } }, async () => {
        throw new Error('deliberate failure for the error page');
      });
    },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { t, base: `http://127.0.0.1:${port}` };
}

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe on the page and fails with a readable list of what it found. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<number> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const found = results.violations.map(
    (v) =>
      `${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
  expect(found).toEqual([]);
  return results.passes.length;
}

/** A browser context in one language, with display settings (a `fuju_display` cookie value) if given. */
export async function contextIn(
  browser: Browser,
  base: string,
  locale: string,
  display = '',
  options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options });
  const cookies = [{ name: 'fuju_lang', value: locale, url: base }];
  if (display) cookies.push({ name: 'fuju_display', value: encodeURIComponent(display), url: base });
  await context.addCookies(cookies);
  return context;
}

/** Signs a demo account in through the sign-in form. */
export async function signInAs(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('#username', username);
  await page.fill('#password', testDemoPassword);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login')),
    page.click('form[action="/login"] button'),
  ]);
}

/** Moves focus with Tab until the selector has it, as a keyboard user does. */
export async function tabTo(page: Page, selector: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`could not reach ${selector} with Tab`);
}
