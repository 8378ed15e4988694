// What every need-topic page uses: its place in the site, counts as shown, words in the reader's language.
import { HttpError } from '../../../../platform/http/index.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import { FormPage, type FormPageProps, FreeText, shellMessages, Tag } from '../../../../platform/ui/index.ts';
import { topicMeasure } from '../../domain/needEvidence.ts';
import { textIn } from '../../domain/questionnaire.ts';
import type { Suppressed } from '../../domain/suppression.ts';
import { needTopicsMessages } from './messages.ts';

export const topicsPath = '/needs/topics';
export const topicHref = (id: string) => `${topicsPath}/${id}`;

export const notFound = () => new HttpError(404, 'not_found', 'not found');

const numberFormats = new Map<Locale, Intl.NumberFormat>(
  (['zh-CN', 'en'] as const).map((locale) => [locale, new Intl.NumberFormat(locale)]),
);

export const numberText = (n: number, locale: Locale): string =>
  (numberFormats.get(locale) as Intl.NumberFormat).format(n);

/** A figure of the evidence as shown: the count, "<5" when it is 1 to 4, "*" when withheld so one cannot be worked out. */
export function figureText(figures: Suppressed, key: string, locale: Locale): string {
  const suppression = figures.suppression(key);
  if (suppression === 'small') return '<5';
  if (suppression === 'hidden') return '*';
  return numberText(figures.count(key) ?? 0, locale);
}

/** A survey measure in words: "需要但没有：电动轮椅". */
export function measureText(locale: Locale, measure: string): string {
  const t = needTopicsMessages.for(locale);
  const known = topicMeasure(measure);
  if (known === undefined) return t('measureUnknown', { key: measure });
  const label = textIn(locale, known.label);
  if (known.group === 'unmet') return t('measureUnmet', { label });
  if (known.group === 'tech') return t('measureTech', { label });
  return t('measureBarrier', { label });
}

const han = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Paragraphs of a summary, each line its own paragraph. */
export function Paragraphs({ locale, text, lead }: { locale: Locale; text: string; lead?: boolean }) {
  return (
    <>
      {text
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
        .map((line, index) => (
          <p class={lead === true && index === 0 ? 'fj-lead' : 'fj-body'} key={index}>
            <FreeText locale={locale} text={line} />
          </p>
        ))}
    </>
  );
}

export function StatusTag({ locale, status }: { locale: Locale; status: 'draft' | 'published' }) {
  const t = needTopicsMessages.for(locale);
  return status === 'published' ? (
    <Tag text={t('statusPublished')} colour="green" />
  ) : (
    <Tag text={t('statusDraft')} colour="grey" />
  );
}

/** Keywords as tags (for a `fj-tag-list`), or "none". */
export function KeywordTags({ locale, keywords }: { locale: Locale; keywords: readonly string[] }) {
  const t = needTopicsMessages.for(locale);
  if (keywords.length === 0) return <>{t('none')}</>;
  return (
    <>
      {keywords.map((word) => (
        <span key={word} lang={locale === 'en' && han.test(word) ? 'zh-CN' : undefined}>
          <Tag text={word} colour="blue" />
        </span>
      ))}
    </>
  );
}

/**
 * A need-topic page. Topics are public, so their pages sit below "首页 ›
 * 需求专题"; those with the need analytics area see it first in the crumbs.
 */
export function TopicsPage(props: Omit<FormPageProps, 'area'> & { isList?: boolean }) {
  const { isList, ...page } = props;
  const shell = shellMessages.for(page.ctx.locale);
  const t = needTopicsMessages.for(page.ctx.locale);
  const area = page.ctx.user?.areas.includes('needs')
    ? { text: shell('navNeeds'), href: '/needs' }
    : undefined;
  const crumbs =
    isList === true
      ? [{ text: t('listTitle') }]
      : [{ text: t('listTitle'), href: topicsPath }, ...page.crumbs];
  return <FormPage {...page} area={area} crumbs={crumbs} />;
}

/** Typed text, marked as Chinese on an English page: one component for the whole platform. */
export { FreeText };
