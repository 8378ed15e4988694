import type { ComponentChildren, VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { formatTime, type Locale } from '../i18n/index.ts';
import { shellMessages } from './messages.ts';
import { type DisplayPreferences, preferenceClasses } from './preferences.ts';

/** Work areas a signed-in user may have, shown in the navigation when they do. */
export type StaffArea =
  | 'admin'
  | 'audit'
  | 'residents'
  | 'supplier'
  | 'catalogReview'
  | 'policyCatalogs'
  | 'admissions'
  | 'reviews'
  | 'people'
  | 'cases'
  | 'myApplications'
  | 'fittingBudgets'
  | 'surveys'
  | 'needs'
  | 'researchPool';

export interface SignedInUser {
  /** Username (never a person's name or number). */
  readonly label: string;
  /** CSRF token for the sign-out and stay-signed-in forms in the header. */
  readonly csrf: string;
  /** When the session ends if idle. */
  readonly expiresAt: Date | null;
  readonly areas: readonly StaffArea[];
}

/** What every page needs to know about the request it answers. */
export interface PageContext {
  /** The signed-in user, or null. */
  readonly user: SignedInUser | null;
  readonly locale: Locale;
  readonly prefs: DisplayPreferences;
  readonly platformName: string;
  /** Path of the current page, without its query, for the language switch. */
  readonly path: string;
  /** The query of a GET page, kept by the language switch (a search stays a search). */
  readonly query?: string;
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

/** The same page in the other language: its query kept, `lang` replaced. */
function languageHref(ctx: PageContext, locale: Locale): string {
  const query = new URLSearchParams(ctx.query ?? '');
  query.delete('lang');
  query.append('lang', locale);
  return `${ctx.path}?${query.toString()}`;
}

export function Layout({ ctx, title, hasErrors = false, children }: LayoutProps) {
  const t = shellMessages.for(ctx.locale);
  const switchTo = otherLocale(ctx.locale);
  // The settings page offers a way back to the page the person came from.
  const preferencesHref =
    ctx.path === '/preferences' ? '/preferences' : `/preferences?returnTo=${encodeURIComponent(ctx.path)}`;
  const areaLinks: Record<StaffArea, NavItem> = {
    residents: { href: '/staff/residents', label: t('navResidents') },
    admin: { href: '/admin', label: t('navAdmin') },
    audit: { href: '/audit', label: t('navAudit') },
    supplier: { href: '/supplier/products', label: t('navSupplier') },
    catalogReview: { href: '/admin/catalog', label: t('navCatalogReview') },
    policyCatalogs: { href: '/admin/policy-catalogs', label: t('navPolicyCatalogs') },
    admissions: { href: '/supplier/admissions', label: t('navAdmissions') },
    reviews: { href: '/reviews', label: t('navReviews') },
    people: { href: '/people', label: t('navPeople') },
    cases: { href: '/cases', label: t('navCases') },
    myApplications: { href: '/my/applications', label: t('navMyApplications') },
    fittingBudgets: { href: '/admin/fitting', label: t('navFittingBudgets') },
    surveys: { href: '/surveys', label: t('navSurveys') },
    needs: { href: '/needs', label: t('navNeeds') },
    researchPool: { href: '/research/manage', label: t('navResearchPool') },
  };
  const nav: NavItem[] = [
    { href: '/', label: t('navHome') },
    { href: '/products', label: t('navProducts') },
    { href: '/subsidy-catalogs', label: t('navSubsidyCatalogs') },
    { href: '/research', label: t('navResearch') },
    ...(ctx.user?.areas ?? []).map((area) => areaLinks[area]),
    ctx.user ? { href: '/account', label: t('myAccount') } : { href: '/login', label: t('signIn') },
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
                href={languageHref(ctx, switchTo)}
                lang={switchTo}
                hreflang={switchTo}
                class="fj-header__language-link"
              >
                {t('switchLanguage')}
              </a>
            </nav>
            {ctx.user && <SignedInBar user={ctx.user} locale={ctx.locale} path={ctx.path} />}
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

/**
 * Who is signed in, a sign-out button, and when the session ends if idle
 * with a way to extend it (WCAG 2.2.1). Plain forms, so it all works without
 * JavaScript; the script adds a warning five minutes before the end.
 */
function SignedInBar({ user, locale, path }: { user: SignedInUser; locale: Locale; path: string }) {
  const t = shellMessages.for(locale);
  return (
    <div class="fj-header__account">
      <p class="fj-header__user">{t('signedInAs', { name: user.label })}</p>
      <form method="post" action="/logout" class="fj-header__form">
        <input type="hidden" name="_csrf" value={user.csrf} />
        <button type="submit" class="fj-link-button">
          {t('signOut')}
        </button>
      </form>
      {user.expiresAt && (
        <div
          class="fj-session"
          data-module="session-timeout"
          data-expires-at={user.expiresAt.toISOString()}
          data-warning-title={t('sessionWarningTitle')}
          data-warning-body={t('sessionWarningBody')}
          data-extended={t('sessionExtended')}
        >
          <p class="fj-session__time">{t('sessionEndsAt', { time: formatTime(user.expiresAt, locale) })}</p>
          <form method="post" action="/session/extend" class="fj-header__form">
            <input type="hidden" name="_csrf" value={user.csrf} />
            <input type="hidden" name="returnTo" value={path} />
            <button type="submit" class="fj-link-button">
              {t('sessionExtend')}
            </button>
          </form>
        </div>
      )}
    </div>
  );
}

export const renderDocument = (page: VNode): string => `<!doctype html>${render(page)}`;
