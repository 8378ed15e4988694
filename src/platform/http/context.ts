import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { VNode } from 'preact';
import type { Config } from '../../config.ts';
import { anonymous, mayEver } from '../auth/policy.ts';
import { defaultLocale, isLocale, type Locale, localeFromAcceptLanguage } from '../i18n/index.ts';
import { type PageContext, renderDocument, type StaffArea } from '../ui/layout.tsx';
import { type DisplayPreferences, parsePreferences, preferencesCookie } from '../ui/preferences.ts';
import type { Assets } from './assets.ts';
import { pageNonce } from './securityHeaders.ts';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    prefs: DisplayPreferences;
  }
  interface FastifyContextConfig {
    /** The language switch keeps this page's query (a search stays a search in the other language). */
    languageKeepsQuery?: boolean;
  }
}

export const languageCookie = 'fuju_lang';
const oneYear = 365 * 24 * 3600;

/** Cookie attributes for preferences; Secure whenever the platform is served over TLS. */
export const preferenceCookieOptions = (config: Config) =>
  ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl?.protocol === 'https:',
    maxAge: oneYear,
  }) as const;

/**
 * The language comes from `?lang=` (remembered in a cookie), then the cookie,
 * then Accept-Language on a first visit; display preferences from their cookie.
 */
export const requestContext = fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    app.decorateRequest('locale', defaultLocale);
    // Starts as null, not an object: a decorator's initial object would be shared by all requests.
    app.decorateRequest('prefs', null as unknown as DisplayPreferences);
    app.addHook('onRequest', async (request, reply) => {
      const asked = (request.query as { lang?: unknown } | undefined)?.lang;
      if (isLocale(asked)) {
        request.locale = asked;
        reply.setCookie(languageCookie, asked, preferenceCookieOptions(config));
      } else {
        const remembered = request.cookies[languageCookie];
        request.locale = isLocale(remembered)
          ? remembered
          : (localeFromAcceptLanguage(request.headers['accept-language']) ?? defaultLocale);
      }
      request.prefs = parsePreferences(request.cookies[preferencesCookie]);
    });
  },
  { name: 'fuju-request-context', dependencies: ['@fastify/cookie'] },
);

export function pageContext(
  config: Config,
  assets: Assets,
  request: FastifyRequest,
  reply: FastifyReply,
): PageContext {
  // Null when an earlier onRequest hook refused the request before anyone was identified.
  const actor = request.actor ?? anonymous;
  const areas: StaffArea[] = [];
  if (actor.kind === 'user') {
    if (mayEver(actor, 'user.read') || mayEver(actor, 'organisation.read') || mayEver(actor, 'token.read')) {
      areas.push('admin');
    }
    if (mayEver(actor, 'audit.read')) areas.push('audit');
    if (actor.userKind === 'staff' && mayEver(actor, 'resident.read')) areas.push('residents');
    if (mayEver(actor, 'product.edit')) areas.push('supplier');
    if (mayEver(actor, 'product.review')) areas.push('catalogReview');
    if (mayEver(actor, 'policy_catalog.manage')) areas.push('policyCatalogs');
    else if (mayEver(actor, 'admission.apply')) areas.push('admissions');
    if (mayEver(actor, 'admission.review')) areas.push('reviews');
    if (mayEver(actor, 'person.register')) areas.push('people');
    if (actor.userKind === 'resident' && mayEver(actor, 'case.apply')) areas.push('myApplications');
    else if (mayEver(actor, 'case.read')) areas.push('cases');
    if (mayEver(actor, 'budget.manage')) areas.push('fittingBudgets');
    if (mayEver(actor, 'survey.manage') || mayEver(actor, 'survey.answer')) areas.push('surveys');
    if (mayEver(actor, 'survey.analytics') || mayEver(actor, 'need_topic.manage')) areas.push('needs');
    if (
      mayEver(actor, 'project.manage') ||
      mayEver(actor, 'project.propose') ||
      mayEver(actor, 'challenge.post')
    ) {
      areas.push('researchPool');
    }
  }
  return {
    user:
      actor.kind === 'user' && actor.via === 'session'
        ? {
            label: actor.label,
            csrf: reply.generateCsrf(),
            expiresAt: request.sessionExpiresAt,
            areas,
          }
        : null,
    locale: request.locale,
    prefs: request.prefs,
    platformName: config.platformName[request.locale],
    path: request.url.split('?')[0] ?? '/',
    // Only where a route asks: elsewhere a query may hold what was searched for (a phone number, say).
    query: request.routeOptions.config.languageKeepsQuery ? (request.url.split('?')[1] ?? '') : '',
    assets: assets.urls,
    nonce: pageNonce(reply),
  };
}

export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(renderDocument(page));
}
