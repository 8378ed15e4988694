import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { defineMessages, type Locale } from '../i18n/index.ts';
import { doneText, FormPage } from './formPage.tsx';
import type { PageContext } from './layout.tsx';
import { defaultPreferences } from './preferences.ts';

const ctx = (locale: Locale): PageContext => ({
  user: null,
  locale,
  prefs: defaultPreferences,
  platformName: 'Fuju',
  path: '/here',
  assets: { css: '/a.css', js: '/a.js' },
  nonce: 'n',
});

/** The text of the breadcrumbs, and where each links. */
const crumbsOf = (markup: string) =>
  [
    ...(/<nav class="fj-breadcrumbs"[\s\S]*?<\/nav>/.exec(markup)?.[0] ?? '').matchAll(
      /<li[^>]*>(?:<a[^>]*href="([^"]*)"[^>]*>)?([^<]*)/g,
    ),
  ].map((m) => [m[2], m[1]]);

describe('FormPage', () => {
  it('puts the breadcrumbs from the home page, the error summary and the banner before the page', () => {
    const markup = render(
      <FormPage
        ctx={ctx('zh-CN')}
        title="修改"
        crumbs={[{ text: '修改' }]}
        errors={{ name: '请输入名称' }}
        done="已保存"
      >
        <h1 class="fj-heading-l">修改</h1>
      </FormPage>,
    );
    expect(crumbsOf(markup)).toEqual([
      ['首页', '/'],
      ['修改', undefined],
    ]);
    expect(markup).toContain('<title>错误：');
    expect(markup).toContain('<h2 class="fj-error-summary__title">存在问题</h2>');
    expect(markup).toContain('<a href="#name">请输入名称</a>');
    expect(markup).toContain('id="done-title">成功</h2>');
    expect(markup.indexOf('fj-notification-banner')).toBeLessThan(markup.indexOf('<h1'));
  });

  it('links the area after the home page, except on the area’s own page', () => {
    const area = { text: 'Products', href: '/supplier/products' };
    const below = render(
      <FormPage ctx={ctx('en')} title="Edit" area={area} crumbs={[{ text: 'Edit' }]}>
        <h1>Edit</h1>
      </FormPage>,
    );
    expect(crumbsOf(below)).toEqual([
      ['Home', '/'],
      ['Products', '/supplier/products'],
      ['Edit', undefined],
    ]);
    const own = render(
      <FormPage ctx={ctx('en')} title="Products" area={area} crumbs={[]}>
        <h1>Products</h1>
      </FormPage>,
    );
    expect(crumbsOf(own)).toEqual([
      ['Home', '/'],
      ['Products', undefined],
    ]);
    expect(own).not.toContain('fj-error-summary');
    expect(own).not.toContain('fj-notification-banner');
  });
});

describe('doneText', () => {
  const messages = defineMessages(
    'test',
    { done_saved: '已保存{count}项', title: '标题' },
    { done_saved: 'Saved {count}', title: 'Title' },
  );

  it('shows the message a known name names, in the page’s language', () => {
    expect(doneText(messages, 'zh-CN', 'saved', { count: 2 })).toBe('已保存2项');
    expect(doneText(messages, 'en', 'saved', { count: 2 })).toBe('Saved 2');
  });

  it('shows nothing for no name, an unknown one, or a key that is not a done_ message', () => {
    expect(doneText(messages, 'en', undefined)).toBeUndefined();
    expect(doneText(messages, 'en', 'deleted')).toBeUndefined();
    expect(doneText(messages, 'en', '')).toBeUndefined();
    expect(messages.has('title')).toBe(true);
    expect(messages.has('toString')).toBe(false);
  });
});
