import type { ComponentChildren, VNode } from 'preact';
import type { Locale } from '../../../../platform/i18n/index.ts';
import type { DisabilityCategory } from '../../../../platform/ids/index.ts';
import { type AttributeDefinition, attributeDefinitions } from '../../domain/attributes.ts';
import type { FunctionArea } from '../../domain/product.ts';
import type { PublicCatalogKey, PublicCatalogTranslate } from './messages.ts';

/** "122203" → "12 22 03", as the standard prints codes. */
export const formatIsoCode = (code: string): string => (code.match(/\d{1,2}/g) ?? [code]).join(' ');

const chinese = /[\u3400-\u9fff\uf900-\ufaff]/;

/** The language of a piece of data whose language nobody recorded (a certification, a model). */
export const languageOf = (text: string): Locale => (chinese.test(text) ? 'zh-CN' : 'en');

/**
 * Text in the language it is written in: marked with `lang` where that is not
 * the page's, so a screen reader switches voice (WCAG 3.1.2).
 */
export function Text({
  text,
  locale,
  lang,
}: {
  text: string;
  locale: Locale;
  /** The text's language when known; otherwise guessed from its characters. */
  lang?: Locale;
}): VNode {
  const language = lang ?? languageOf(text);
  return <span lang={language === locale ? undefined : language}>{text}</span>;
}

/** A name kept in both languages: the page's own. */
export function Named({ zh, en, locale }: { zh: string; en: string; locale: Locale }): VNode {
  if (locale === 'en' && en.trim() !== '') return <Text text={en} locale={locale} lang="en" />;
  return <Text text={zh} locale={locale} lang="zh-CN" />;
}

export const pick = (zh: string, en: string, locale: Locale): string =>
  locale === 'en' && en.trim() !== '' ? en : zh;

const functionKeys: Record<FunctionArea, PublicCatalogKey> = {
  mobility: 'functionMobility',
  seeing: 'functionSeeing',
  hearing: 'functionHearing',
  communication: 'functionCommunication',
  cognition: 'functionCognition',
  self_care: 'functionSelfCare',
};

const disabilityKeys: Record<DisabilityCategory, PublicCatalogKey> = {
  visual: 'disabilityVisual',
  hearing: 'disabilityHearing',
  speech: 'disabilitySpeech',
  physical: 'disabilityPhysical',
  intellectual: 'disabilityIntellectual',
  mental: 'disabilityMental',
  multiple: 'disabilityMultiple',
};

export const functionAreaLabel = (t: PublicCatalogTranslate, area: string): string => {
  const key = functionKeys[area as FunctionArea];
  return key ? t(key) : area;
};

export const disabilityLabel = (t: PublicCatalogTranslate, category: string): string => {
  const key = disabilityKeys[category as DisabilityCategory];
  return key ? t(key) : category;
};

/** Units that read differently in Chinese; the rest (cm, kg, dB…) are written the same in both. */
const unitWords: Readonly<Record<string, Readonly<Record<Locale, string>>>> = {
  y: { 'zh-CN': '岁', en: 'years' },
  in: { 'zh-CN': '英寸', en: 'in' },
  h: { 'zh-CN': '小时', en: 'h' },
};

export const unitLabel = (unit: string, locale: Locale): string => unitWords[unit]?.[locale] ?? unit;

const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** A measured value as people write it: grouped thousands, no more decimals than needed. */
export function formatNumber(value: number, locale: Locale): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

export const attributeName = (definition: AttributeDefinition, locale: Locale): string =>
  locale === 'en' ? definition.en : definition.zh;

/** "座宽（cm）" / "Seat width (cm)": the name with its unit, for labels and row headers. */
export function attributeLabel(definition: AttributeDefinition, locale: Locale): string {
  const name = attributeName(definition, locale);
  if (definition.unit === null) return name;
  const unit = unitLabel(definition.unit, locale);
  return locale === 'en' ? `${name} (${unit})` : `${name}（${unit}）`;
}

/** An attribute's value with its unit ("42 cm"), or the text the supplier gave. */
export function AttributeValue({
  definition,
  value,
  locale,
}: {
  definition: AttributeDefinition | undefined;
  value: number | string;
  locale: Locale;
}): VNode {
  if (typeof value === 'number') {
    const unit = definition?.unit;
    const number = formatNumber(value, locale);
    return <span>{unit ? `${number} ${unitLabel(unit, locale)}` : number}</span>;
  }
  return <Text text={value} locale={locale} />;
}

/** Mid-sentence in English an attribute reads in lower case ("the lowest seat width"), but "IP rating" stays. */
export const inSentence = (name: string, locale: Locale): string =>
  locale === 'en' && /^[A-Z][a-z]/.test(name) ? `${name.charAt(0).toLowerCase()}${name.slice(1)}` : name;

/** A placeholder value that marks where data goes in a translated message (see withData). */
export const slot = (index: number): string => `\uE000${index}\uE000`;

/**
 * A translated message with data inside it, the data as elements (so it can
 * carry its own `lang`): t('searchTitle', { q: slot(0) }) with [<Text …/>].
 */
export function withData(message: string, data: readonly ComponentChildren[]): ComponentChildren[] {
  return message
    .split(/\uE000(\d+)\uE000/)
    .map((part, index) => (index % 2 === 1 ? data[Number(part)] : part));
}

/** Attributes in the order the attribute list gives them (size, load, power…), unknown ones last. */
export function orderedAttributeIds(ids: Iterable<string>): string[] {
  const position = new Map(attributeDefinitions.map((d, index) => [d.id, index]));
  return [...new Set(ids)].sort(
    (a, b) =>
      (position.get(a) ?? Number.MAX_SAFE_INTEGER) - (position.get(b) ?? Number.MAX_SAFE_INTEGER) ||
      a.localeCompare(b),
  );
}
