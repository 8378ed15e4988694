// How the browser suites move through pages as a keyboard user does: Tab to a control, check focus shows, act.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { tabTo } from './browser.ts';

/** Whether the focused control shows where focus is (WCAG 2.4.7): an outline, a shadow or a filled background. */
export const focusIsVisible = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return false;
    const style = getComputedStyle(el);
    return (
      (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2) ||
      style.boxShadow !== 'none' ||
      (style.backgroundColor !== 'rgba(0, 0, 0, 0)' && style.backgroundColor !== 'transparent')
    );
  });

export const isFocused = (page: Page, selector: string) =>
  page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

/** Tabs to a control, as a keyboard user does, and checks they can see they got there. */
export async function reach(page: Page, selector: string) {
  await tabTo(page, selector, 200);
  expect(await focusIsVisible(page), `focus visible on ${selector}`).toBe(true);
}

export async function typeInto(page: Page, selector: string, text: string) {
  await reach(page, selector);
  await page.keyboard.type(text);
}

/** Chooses an option of a select with the arrow keys. */
export async function chooseWithArrows(page: Page, selector: string, value: string) {
  await reach(page, selector);
  for (let i = 0; i < 300; i++) {
    if ((await page.inputValue(selector)) === value) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not choose ${value} in ${selector}`);
}

/**
 * Tabs into a radio group (focus lands on its checked radio, or its first) and arrows to the answer.
 * `scope` narrows the group to part of the page ('' for the whole page).
 */
export async function chooseRadio(page: Page, scope: string, name: string, value: string) {
  const group = `${scope === '' ? '' : `${scope} `}input[type="radio"][name="${name}"]`;
  const wanted = `${group}[value="${value}"]`;
  await reach(page, group);
  for (let i = 0; i < 10; i++) {
    if (await page.isChecked(wanted)) return;
    // Arrows move and check at once; the first radio of a group with none checked needs Space.
    await page.keyboard.press((await isFocused(page, wanted)) ? 'Space' : 'ArrowDown');
  }
  throw new Error(`could not choose ${value} for ${name}`);
}

/** Tabs to a submit button and presses Enter; resolves once the next page has loaded. */
export async function pressButton(page: Page, button: string, url: RegExp) {
  await reach(page, button);
  await Promise.all([page.waitForURL(url), page.keyboard.press('Enter')]);
}

/** Tabs to the form's button and presses Enter; resolves once the next page has loaded. */
export const send = (page: Page, form: string, url: RegExp) =>
  pressButton(page, `${form} button[type="submit"]`, url);
