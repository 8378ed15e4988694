import type { ComponentChildren, VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { Locale } from '../i18n/index.ts';
import { shellMessages } from './messages.ts';
import { type DisplayPreferences, preferenceClasses } from './preferences.ts';

/** What every page needs to know about the request it answers. */
export interface PageContext {
  readonly locale: Locale;
  readonly prefs: DisplayPreferences;
  readonly platformName: string;
  /** Path of the current page, without its query, for the language switch. */
  readonly path: string;
  readonly assets: { readonly css: string; readonly js: string };
  /** Per-response CSP nonce; any inline script must carry it. */
  readonly nonce: string;
}

interface NavItem {
  readonly href: string;
  readonly label: string;
}

interface LayoutProps {
  ctx: PageContext;
  title: string;
  /** A form on the page has errors: the title starts with "错误：" (GOV.UK). */
  hasErrors?: boolean;
  children: ComponentChildren;
}

const otherLocale = (locale: Locale): Locale => (locale === 'zh-CN' ? 'en' : 'zh-CN');

export function Layout({ ctx, title, hasErrors = false, children }: LayoutProps) {
  const t = shellMessages.for(ctx.locale);
  const switchTo = otherLocale(ctx.locale);
  // The settings page offers a way back to the page the person came from.
  const preferencesHref =
    ctx.path === '/preferences' ? '/preferences' : `/preferences?returnTo=${encodeURIComponent(ctx.path)}`;
  const nav: NavItem[] = [
    { href: '/', label: t('navHome') },
    { href: preferencesHref, label: t('navPreferences') },
    { href: '/accessibility', label: t('navAccessibility') },
    { href: '/api/docs', label: t('navApi') },
  ];
  const fullTitle = `${hasErrors ? t('errorTitlePrefix') : ''}${title} - ${ctx.platformName}`;
  return (
    <html lang={ctx.locale} class={preferenceClasses(ctx.prefs) || undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {/* No icon yet: an empty one stops browsers asking for /favicon.ico on every visit. */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={ctx.assets.css} />
        <script src={ctx.assets.js} defer nonce={ctx.nonce} />
      </head>
      <body>
        <a href="#main" class="fj-skip-link">
          {t('skipLink')}
        </a>
        <header class="fj-header">
          <div class="fj-width fj-header__bar">
            <a href="/" class="fj-header__name">
              {ctx.platformName}
            </a>
            <nav aria-label={t('languageNavigation')} class="fj-header__language">
              <a
                href={`${ctx.path}?lang=${switchTo}`}
                lang={switchTo}
                hreflang={switchTo}
                class="fj-header__language-link"
              >
                {t('switchLanguage')}
              </a>
            </nav>
          </div>
          <nav aria-label={t('mainNavigation')} class="fj-nav">
            <ul class="fj-width fj-nav__list">
              {nav.map((item) => (
                <li class="fj-nav__item">
                  <a
                    href={item.href}
                    class="fj-nav__link"
                    aria-current={item.href.split('?')[0] === ctx.path ? 'page' : undefined}
                  >
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <div class="fj-width">
          <main id="main" tabindex={-1} class="fj-main">
            <button
              type="button"
              class="fj-read-aloud"
              data-module="read-aloud"
              data-stop-label={t('stopReading')}
              hidden
            >
              {t('readAloud')}
            </button>
            {children}
          </main>
        </div>
        <footer class="fj-footer">
          <div class="fj-width">
            <nav aria-label={t('footerNavigation')}>
              <ul class="fj-footer__links">
                <li>
                  <a href="/accessibility">{t('navAccessibility')}</a>
                </li>
                <li>
                  <a href={preferencesHref}>{t('navPreferences')}</a>
                </li>
                <li>
                  <a href="/api/docs">{t('navApi')}</a>
                </li>
              </ul>
            </nav>
            <p>{t('footerAbout')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

export const renderDocument = (page: VNode): string => `<!doctype html>${render(page)}`;
