import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  PageQuery,
  pageContext,
  preferenceCookieOptions,
  ReturnTo,
  safeReturnTo,
  sendPage,
} from '../../platform/http/index.ts';
import { formatDate } from '../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../platform/module.ts';
import {
  Button,
  contrasts,
  type DisplayPreferences,
  Layout,
  motions,
  NotificationBanner,
  preferencesCookie,
  Radios,
  readingModes,
  serialisePreferences,
  shellMessages,
  textSizes,
} from '../../platform/ui/index.ts';
import { portalMessages } from './messages.ts';

/** The date this statement's content was last reviewed; change it when the statement changes. */
const statementDate = new Date('2026-11-28T00:00:00+08:00');

const audiences = [
  'Resident',
  'Community',
  'Assessor',
  'Reviewer',
  'City',
  'Supplier',
  'Research',
  'Department',
  'Volunteer',
  'Auditor',
] as const;

type PortalKey = Parameters<ReturnType<typeof portalMessages.for>>[0];

/** The display-settings form: each preference, its choices and their labels. */
const preferenceGroups: readonly {
  name: keyof DisplayPreferences;
  legend: PortalKey;
  options: readonly (readonly [string, PortalKey])[];
}[] = [
  {
    name: 'textSize',
    legend: 'preferencesTextSize',
    options: [
      ['standard', 'preferencesTextStandard'],
      ['large', 'preferencesTextLarge'],
      ['x-large', 'preferencesTextXLarge'],
    ],
  },
  {
    name: 'contrast',
    legend: 'preferencesContrast',
    options: [
      ['standard', 'preferencesContrastStandard'],
      ['high', 'preferencesContrastHigh'],
    ],
  },
  {
    name: 'motion',
    legend: 'preferencesMotion',
    options: [
      ['standard', 'preferencesMotionStandard'],
      ['reduced', 'preferencesMotionReduced'],
    ],
  },
  {
    name: 'reading',
    legend: 'preferencesReading',
    options: [
      ['standard', 'preferencesReadingStandard'],
      ['easy', 'preferencesReadingEasy'],
    ],
  },
];

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export function portalPages(app: FastifyInstance, { config, assets }: ModuleDeps): void {
  app.get(
    '/',
    { config: { access: 'public' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const ctx = pageContext(config, assets, request, reply);
      const t = portalMessages.for(ctx.locale);
      const easy = ctx.prefs.reading === 'easy';
      const shell = shellMessages.for(ctx.locale);
      return sendPage(
        reply,
        <Layout ctx={ctx} title={t('homeTitle')}>
          <h1 class="fj-heading-xl">{t('homeHeading', { platform: ctx.platformName })}</h1>
          <p class="fj-lead">{easy ? t('homeLeadEasy') : t('homeLead')}</p>
          <h2 class="fj-heading-m">{t('homeWhatHeading')}</h2>
          <ul class="fj-audiences">
            {audiences.map((audience) => (
              <li class="fj-audience">
                <h3 class="fj-heading-s">{t(`audience${audience}Title`)}</h3>
                <p class="fj-body">
                  {easy && audience === 'Resident' ? t('audienceResidentEasy') : t(`audience${audience}`)}
                </p>
              </li>
            ))}
          </ul>
          <h2 class="fj-heading-m">{t('homeHelpHeading')}</h2>
          <p class="fj-body">
            {t('homeHelpPreferences')} <a href="/preferences">{shell('navPreferences')}</a>
          </p>
          <p class="fj-body">
            {t('homeHelpAccessibility')} <a href="/accessibility">{shell('navAccessibility')}</a>
          </p>
        </Layout>,
      );
    },
  );

  app.get(
    '/accessibility',
    { config: { access: 'public' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const ctx = pageContext(config, assets, request, reply);
      const t = portalMessages.for(ctx.locale);
      return sendPage(
        reply,
        <Layout ctx={ctx} title={t('accessibilityTitle')}>
          <h1 class="fj-heading-l">{t('accessibilityTitle')}</h1>
          <p class="fj-body">{t('accessibilityIntro')}</p>
          <h2 class="fj-heading-m">{t('accessibilityStandardsHeading')}</h2>
          <p class="fj-body">{t('accessibilityStandards')}</p>
          <h2 class="fj-heading-m">{t('accessibilityUseHeading')}</h2>
          <ul class="fj-list">
            <li>
              <a href="/preferences">{t('accessibilityUseText')}</a>
            </li>
            <li>{t('accessibilityUseContrast')}</li>
            <li>{t('accessibilityUseMotion')}</li>
            <li>{t('accessibilityUseEasy')}</li>
            <li>{t('accessibilityUseKeyboard')}</li>
            <li>{t('accessibilityUseScreenReader')}</li>
            <li>{t('accessibilityUseNoScript')}</li>
            <li>{t('accessibilityUseReadAloud')}</li>
          </ul>
          <h2 class="fj-heading-m">{t('accessibilityTestingHeading')}</h2>
          <p class="fj-body">{t('accessibilityTesting')}</p>
          <h2 class="fj-heading-m">{t('accessibilityGapsHeading')}</h2>
          <ul class="fj-list">
            <li>{t('accessibilityGapReadAloud')}</li>
            <li>{t('accessibilityGapManual')}</li>
          </ul>
          <h2 class="fj-heading-m">{t('accessibilityContactHeading')}</h2>
          <p class="fj-body">{t('accessibilityContact')}</p>
          <p class="fj-body">{t('accessibilityDate', { date: formatDate(statementDate, ctx.locale) })}</p>
        </Layout>,
      );
    },
  );

  app.get(
    '/preferences',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        querystring: Type.Object({
          ...PageQuery.properties,
          saved: Type.Optional(Type.Literal('1')),
          // Lenient here: a way back that is not a plain local path is dropped, not refused.
          returnTo: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
      },
    },
    async (request, reply) => {
      const { saved, returnTo: asked } = request.query as { saved?: '1'; returnTo?: string };
      const returnTo = safeReturnTo(asked);
      const ctx = pageContext(config, assets, request, reply);
      const t = portalMessages.for(ctx.locale);
      const prefs = ctx.prefs;
      return sendPage(
        reply,
        <Layout ctx={ctx} title={t('preferencesTitle')}>
          {saved && (
            <NotificationBanner type="success" title={t('preferencesSavedTitle')} titleId="preferences-saved">
              <p class="fj-body">{t('preferencesSaved')}</p>
              {returnTo && (
                <p class="fj-body">
                  <a href={returnTo}>{t('preferencesBack')}</a>
                </p>
              )}
            </NotificationBanner>
          )}
          <h1 class="fj-heading-l">{t('preferencesTitle')}</h1>
          <p class="fj-body">{t('preferencesIntro')}</p>
          <form method="post" action="/preferences" novalidate>
            <input type="hidden" name="_csrf" value={reply.generateCsrf()} />
            {returnTo && <input type="hidden" name="returnTo" value={returnTo} />}
            {preferenceGroups.map((group) => (
              <Radios
                idPrefix={group.name}
                name={group.name}
                legend={t(group.legend)}
                legendSize="m"
                value={prefs[group.name]}
                items={group.options.map(([value, label]) => ({ value, text: t(label) }))}
              />
            ))}
            <Button>{t('preferencesSave')}</Button>
          </form>
        </Layout>,
      );
    },
  );

  app.post(
    '/preferences',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        body: Type.Object({
          _csrf: Type.String(),
          textSize: literals(textSizes),
          contrast: literals(contrasts),
          motion: literals(motions),
          reading: literals(readingModes),
          returnTo: Type.Optional(ReturnTo),
        }),
      },
    },
    async (request, reply) => {
      const { returnTo, ...chosen } = request.body as DisplayPreferences & { returnTo?: string };
      const prefs: DisplayPreferences = {
        textSize: chosen.textSize,
        contrast: chosen.contrast,
        motion: chosen.motion,
        reading: chosen.reading,
      };
      reply.setCookie(preferencesCookie, serialisePreferences(prefs), preferenceCookieOptions(config));
      const next = new URLSearchParams({ saved: '1', ...(returnTo ? { returnTo } : {}) });
      // 303: the browser follows with a GET, so a refresh never re-sends the form.
      return reply.redirect(`/preferences?${next}`, 303);
    },
  );
}
