import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { repoRoot } from '../support/templates.ts';
import { expectNoAxeViolations, launchBrowser, servedApp } from './browser.ts';

const screenshots = `${repoRoot}test-results/screenshots`;

/** Every page of the shell, and the state each shows. */
const pages = [
  { path: '/', name: 'home', status: 200 },
  { path: '/accessibility', name: 'accessibility', status: 200 },
  { path: '/preferences', name: 'preferences', status: 200 },
  { path: '/preferences?saved=1&returnTo=%2F', name: 'preferences-saved', status: 200 },
  { path: '/api/docs', name: 'api-docs', status: 200 },
  { path: '/design/components', name: 'components', status: 200 },
  { path: '/no-such-page', name: 'not-found', status: 404 },
  { path: '/e2e/server-error', name: 'server-error', status: 500 },
];

/** Display preferences as their cookie holds them. */
const displays = [
  { name: 'default', cookie: '' },
  { name: 'large', cookie: 'text=large' },
  { name: 'x-large', cookie: 'text=x-large' },
  { name: 'high-contrast', cookie: 'contrast=high' },
  { name: 'easy-read-reduced-motion', cookie: 'reading=easy&motion=reduced' },
  { name: 'x-large-high-contrast', cookie: 'text=x-large&contrast=high' },
];

const locales = ['zh-CN', 'en'] as const;

let t: TestApp;
let base: string;
let browser: Browser;

beforeAll(async () => {
  ({ t, base } = await servedApp());
  browser = await launchBrowser();
  mkdirSync(screenshots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function contextFor(locale: string, display: string, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ ...options });
  const cookies = [{ name: 'fuju_lang', value: locale, url: base }];
  if (display) cookies.push({ name: 'fuju_display', value: encodeURIComponent(display), url: base });
  await context.addCookies(cookies);
  return context;
}

describe('axe on every page, language and display setting', () => {
  for (const locale of locales) {
    for (const display of displays) {
      it(`${locale} / ${display.name}`, async () => {
        const context = await contextFor(locale, display.cookie);
        const page = await context.newPage();
        for (const { path, name, status } of pages) {
          const response = await page.goto(`${base}${path}`);
          expect(response?.status(), path).toBe(status);
          expect(await page.getAttribute('html', 'lang')).toBe(locale);
          expect(await page.locator('h1').count(), `${path} has one h1`).toBeGreaterThanOrEqual(1);
          await expectNoAxeViolations(page, `${locale} ${display.name} ${path}`);
          if (display.name === 'default' || display.name === 'x-large-high-contrast') {
            await page.screenshot({
              path: `${screenshots}/${name}-${locale}-${display.name}.png`,
              fullPage: true,
            });
          }
        }
        await context.close();
      });
    }
  }
});

describe('page structure', () => {
  it('puts the skip link first, one h1 in main, and the landmarks', async () => {
    const context = await contextFor('zh-CN', '');
    const page = await context.newPage();
    for (const { path } of pages.filter((p) => p.name !== 'components')) {
      await page.goto(`${base}${path}`);
      const first = await page.evaluate(() => document.body.firstElementChild?.getAttribute('href'));
      expect(first, path).toBe('#main');
      expect(await page.locator('main h1').count(), path).toBe(1);
      for (const landmark of ['header', 'nav', 'main', 'footer']) {
        expect(await page.locator(landmark).count(), `${path} ${landmark}`).toBeGreaterThan(0);
      }
    }
    await context.close();
  });

  it('reflows at 320 px wide without sideways scrolling, at every text size', async () => {
    for (const display of displays) {
      const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
      await context.addCookies([
        { name: 'fuju_display', value: encodeURIComponent(display.cookie), url: base },
      ]);
      const page = await context.newPage();
      for (const { path } of pages.filter((p) => p.name !== 'components')) {
        await page.goto(`${base}${path}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${display.name} ${path}`).toBeLessThanOrEqual(0);
      }
      await context.close();
    }
  });
});

/** Whether the focused element shows a visible focus indicator (outline or a changed background). */
async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return false;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
    const background =
      style.backgroundColor !== 'rgba(0, 0, 0, 0)' && style.backgroundColor !== 'transparent';
    const shadow = style.boxShadow !== 'none';
    return outline || background || shadow || el.id === 'main';
  });
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase(),
      text: el?.textContent?.trim(),
      id: el?.id,
      href: el?.getAttribute('href'),
    };
  });

describe('keyboard only', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await contextFor('zh-CN', '');
    page = await context.newPage();
  });
  afterAll(() => context.close());

  it('walks the shell: skip link, header, navigation, content, footer — focus always visible', async () => {
    await page.goto(`${base}/`);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', href: '#main', text: '跳到主要内容' });
    expect(await focusIsVisible(page)).toBe(true);
    const box = await page.locator('.fj-skip-link').boundingBox();
    expect(box && box.x >= 0 && box.width >= 24 && box.height >= 24).toBe(true);
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('main');

    await page.goto(`${base}/`);
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (!now.tag || now.tag === 'body') break;
      expect(await focusIsVisible(page), `focus visible on ${now.text}`).toBe(true);
      // WCAG 2.5.8 exempts links inside a sentence; every other target is at least 24 px high.
      const box = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const r = el.getBoundingClientRect();
        return { height: r.height, inline: getComputedStyle(el).display === 'inline' };
      });
      if (!box.inline) expect(box.height, `target size of ${now.text}`).toBeGreaterThanOrEqual(24);
      seen.push(now.href ?? now.text ?? '');
    }
    // The order is header, navigation, content, footer: no traps, nothing skipped.
    expect(seen.slice(0, 11)).toEqual([
      '#main',
      '/',
      '/?lang=en',
      '/',
      '/products',
      '/subsidy-catalogs',
      '/research',
      '/login',
      '/preferences?returnTo=%2F',
      '/accessibility',
      '/api/docs',
    ]);
    expect(seen.at(-1)).toBe('/api/docs');
    expect(seen).toContain('/preferences');
  });

  it('switches language with the keyboard', async () => {
    await page.goto(`${base}/accessibility`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('English');
    await page.keyboard.press('Enter');
    await page.waitForURL(/lang=en/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Accessibility statement');
    await page.goto(`${base}/?lang=zh-CN`);
  });

  it('sets display preferences with Tab, arrows, Space and Enter', async () => {
    await page.goto(`${base}/preferences`);
    // Tab into the first radio group, arrow to "extra large".
    let guard = 0;
    while ((await focused(page)).id !== 'textSize' && guard++ < 20) await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('textSize');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('input[name="textSize"][value="x-large"]')).toBe(true);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('input[name="contrast"][value="high"]')).toBe(true);
    while ((await focused(page)).tag !== 'button' && guard++ < 40) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/saved=1/);
    // The enhancement script moves focus to the banner, so the result is read out first.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-module'))).toBe(
      'notification-banner',
    );
    expect(await focusIsVisible(page)).toBe(true);
    expect(await page.getAttribute('html', 'class')).toContain('fj-text-x-large');
    expect(await page.getAttribute('html', 'class')).toContain('fj-contrast-high');
    expect(await page.locator('.fj-notification-banner, [role="alert"]').first().textContent()).toContain(
      '显示设置已保存',
    );
    await expectNoAxeViolations(page, 'preferences saved by keyboard');
    await page.screenshot({ path: `${screenshots}/preferences-saved-keyboard.png`, fullPage: true });
  });
});

describe('without JavaScript', () => {
  it('saves display preferences and switches language', async () => {
    const context = await contextFor('zh-CN', '', { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/preferences`);
    await page.check('input[name="textSize"][value="large"]');
    await page.check('input[name="reading"][value="easy"]');
    await page.click('button[type="submit"]');
    await page.waitForURL(/saved=1/);
    expect(await page.getAttribute('html', 'class')).toContain('fj-text-large');
    await page.goto(`${base}/`);
    expect(await page.locator('.fj-lead').textContent()).toBe('在这里找辅具、看补贴、办申请。');
    await page.click('a[hreflang="en"]');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    // The read-aloud button is an enhancement: without scripts it stays hidden.
    expect(await page.locator('[data-module="read-aloud"]').isHidden()).toBe(true);
    await context.close();
  });
});
