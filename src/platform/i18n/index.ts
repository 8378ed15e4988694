/**
 * Typed message catalogs. zh-CN is the source language; the English catalog
 * must have exactly the same keys (the type checker enforces it) and the same
 * placeholders (`{name}`; a test enforces it).
 */
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';

export type Params = Readonly<Record<string, string | number>>;
export type Translate<K extends string> = (key: K, params?: Params) => string;

/** A named pair of catalogs, as the completeness test sees them. */
export interface CatalogSet {
  readonly name: string;
  readonly catalogs: Readonly<Record<Locale, Readonly<Record<string, string>>>>;
}

export interface Messages<K extends string> extends CatalogSet {
  readonly catalogs: Readonly<Record<Locale, Readonly<Record<K, string>>>>;
  for(locale: Locale): Translate<K>;
  /** Whether a key made at run time (`done_${name}`, a key a service reports) is one of the catalog's. */
  readonly has: (key: string) => key is K;
}

export function defineMessages<const Z extends Record<string, string>>(
  name: string,
  zh: Z,
  en: { readonly [P in keyof Z]: string },
): Messages<keyof Z & string> {
  type K = keyof Z & string;
  const catalogs = { 'zh-CN': zh, en } as Record<Locale, Record<K, string>>;
  return {
    name,
    catalogs,
    for(locale: Locale): Translate<K> {
      const catalog = catalogs[locale];
      return (key, params) => format(catalog[key], params);
    },
    has: (key: string): key is K => Object.hasOwn(zh, key),
  };
}

export const placeholders = (message: string): string[] =>
  [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

function format(message: string, params: Params | undefined): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export const isLocale = (value: unknown): value is Locale => locales.includes(value as Locale);

/**
 * Picks the first supported language from an Accept-Language header,
 * honouring q-values: "en-GB,en;q=0.9,zh;q=0.5" → en.
 */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return undefined;
}

/** Intl formatting so dates and amounts read naturally in both languages. */
// Building an Intl formatter costs far more than using one: build one per language, once.
const dateFormats = new Map(
  locales.map((locale) => [
    locale,
    new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: 'Asia/Shanghai',
    }),
  ]),
);
export const formatDate = (date: Date, locale: Locale): string =>
  (dateFormats.get(locale) as Intl.DateTimeFormat).format(date);

/** A calendar day (YYYY-MM-DD, as the city counts days) written as `formatDate` writes it; noon there keeps the day. */
export const formatDay = (day: string, locale: Locale): string =>
  formatDate(new Date(`${day}T12:00:00+08:00`), locale);

/**
 * Times are shown in the city's own time zone, whatever the server's: a
 * resident reads "16:30" as Xi'an time.
 */
export const displayTimeZone = 'Asia/Shanghai';

const timeFormats = new Map(
  locales.map((locale) => [
    locale,
    new Intl.DateTimeFormat(locale, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: displayTimeZone,
    }),
  ]),
);
const dateTimeFormats = new Map(
  locales.map((locale) => [
    locale,
    new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: displayTimeZone,
    }),
  ]),
);

export const formatTime = (date: Date, locale: Locale): string =>
  (timeFormats.get(locale) as Intl.DateTimeFormat).format(date);

export const formatDateTime = (date: Date, locale: Locale): string =>
  (dateTimeFormats.get(locale) as Intl.DateTimeFormat).format(date);
export { formatYuan, parseYuanToFen } from './money.ts';
