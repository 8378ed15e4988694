import { describe, expect, it } from 'vitest';
import { modules } from '../../modules/index.ts';
import { apiDocsMessages } from '../http/messages.ts';
import { shellMessages } from '../ui/messages.ts';
import {
  type CatalogSet,
  defineMessages,
  formatDay,
  localeFromAcceptLanguage,
  locales,
  placeholders,
} from './index.ts';

/** Every catalog the platform ships: the shell's, the API reference's and each module's. */
const allCatalogs: CatalogSet[] = [shellMessages, apiDocsMessages, ...modules.flatMap((m) => m.messages)];

/** The problems of one catalog set; empty when both languages are complete. */
function problems(set: CatalogSet): string[] {
  const found: string[] = [];
  const source = set.catalogs['zh-CN'];
  for (const locale of locales) {
    const catalog = set.catalogs[locale];
    for (const key of Object.keys(source)) {
      const message = catalog[key];
      if (message === undefined) found.push(`${set.name}.${key}: missing in ${locale}`);
      else if (message.trim() === '') found.push(`${set.name}.${key}: empty in ${locale}`);
      else if (placeholders(message).join() !== placeholders(source[key] ?? '').join()) {
        found.push(`${set.name}.${key}: placeholders differ in ${locale}`);
      }
    }
    for (const key of Object.keys(catalog)) {
      if (!(key in source)) found.push(`${set.name}.${key}: ${locale} has a key zh-CN lacks`);
    }
  }
  return found;
}

describe('message catalogs', () => {
  it('are complete in zh-CN and en, with matching placeholders', () => {
    expect(allCatalogs.length).toBeGreaterThanOrEqual(3);
    expect(allCatalogs.flatMap(problems)).toEqual([]);
  });

  it('the check finds a missing key, an empty string and a mismatched placeholder', () => {
    const broken = defineMessages('broken', { a: '你好{name}', b: '再见', c: '好' }, {
      a: 'Hello {nom}',
      b: ' ',
      c: 'Good',
    } as { a: string; b: string; c: string });
    const missing: CatalogSet = { name: 'missing', catalogs: { 'zh-CN': { a: '一' }, en: {} } };
    expect(problems(broken)).toEqual(['broken.a: placeholders differ in en', 'broken.b: empty in en']);
    expect(problems(missing)).toEqual(['missing.a: missing in en']);
  });

  it('formats placeholders', () => {
    const m = defineMessages('m', { hi: '你好，{name}' }, { hi: 'Hello, {name}' });
    expect(m.for('en')('hi', { name: 'a new user' })).toBe('Hello, a new user');
    expect(m.for('zh-CN')('hi', { name: '居民' })).toBe('你好，居民');
  });
});

describe('Accept-Language', () => {
  it.each([
    ['en-GB,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['fr-FR,en;q=0.5,zh;q=0.7', 'zh-CN'],
    ['fr-FR,de', undefined],
    ['en;q=0, zh;q=0.1', 'zh-CN'],
    ['', undefined],
  ])('%s → %s', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });
});

describe('formatDay', () => {
  it('writes a calendar day as that day, in either language', () => {
    expect(formatDay('2027-01-01', 'zh-CN')).toBe('2027年1月1日');
    expect(formatDay('2027-12-31', 'en')).toBe('December 31, 2027');
  });
});
