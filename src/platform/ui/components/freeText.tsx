import type { Locale } from '../../i18n/index.ts';

const han = /[\u3400-\u9fff\uf900-\ufaff]/;

export interface FreeTextProps {
  /** The page's language. */
  locale: Locale;
  /** What someone typed (a title, a reason, a note), in whatever language they typed it. */
  text: string;
}

/** Text someone typed in one language: marked as Chinese on an English page, so it is read out in Chinese. */
export function FreeText({ locale, text }: FreeTextProps) {
  return locale === 'en' && han.test(text) ? <span lang="zh-CN">{text}</span> : text;
}

/** Paragraphs of typed text, each line its own paragraph; blank lines are left out. */
export function FreeTextBlock({ locale, text }: FreeTextProps) {
  return (
    <>
      {text
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
        .map((line, index) => (
          <p class="fj-body" key={index}>
            <FreeText locale={locale} text={line} />
          </p>
        ))}
    </>
  );
}
