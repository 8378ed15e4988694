import type { FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { Type } from 'typebox';
import { auditActor, sourceAddress } from '../../../../platform/auth/index.ts';
import { HttpError, PageQuery } from '../../../../platform/http/index.ts';
import { formatDate, type Locale } from '../../../../platform/i18n/index.ts';
import {
  type BreadcrumbItem,
  Breadcrumbs,
  ErrorSummary,
  Layout,
  NotificationBanner,
  type PageContext,
  SummaryList,
  shellMessages,
  Tag,
  type TagColour,
} from '../../../../platform/ui/index.ts';
import type { ProductSummary } from '../../../catalog/index.ts';
import type { AdmissionEvidence } from '../../admissionsRepo.ts';
import type { CommandContext } from '../../catalogsService.ts';
import type { AdmissionStatus } from '../../domain/admission.ts';
import { admissionStatusText, policyLabels } from '../labels.ts';
import { admissionWorkMessages, isWorkKey, type WorkT } from './messages.ts';

/** Field id → message, in the order the fields appear on the page. */
export type FieldErrors = Readonly<Record<string, string>>;

export const DoneQuery = Type.Object({
  ...PageQuery.properties,
  done: Type.Optional(Type.String({ maxLength: 40 })),
});

export const notFound = () => new HttpError(404, 'not_found', 'not found');

export const trimmed = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Who acts, as the services record it on the audit trail. */
export const commandContext = (request: FastifyRequest): CommandContext => ({
  actor: auditActor(request.actor),
  sourceAddress: sourceAddress(request),
});

/** The success message named by `?done=`; anything else in the address shows nothing. */
export function doneText(t: WorkT, done: string | undefined): string | undefined {
  const key = `done_${done ?? ''}`;
  return done !== undefined && isWorkKey(key) ? t(key) : undefined;
}

/** Text in the page's language; English falls back to Chinese where a record has no English. */
export const inLocale = (locale: Locale, zh: string, en: string): string =>
  locale === 'en' && en.trim() !== '' ? en : zh;

export const productName = (locale: Locale, p: { nameZh: string; nameEn: string }) =>
  inLocale(locale, p.nameZh, p.nameEn);

/** The product as a select shows it: its name and model, so two generations can be told apart. */
export const productOption = (locale: Locale, p: ProductSummary) =>
  p.model.trim() === '' ? productName(locale, p) : `${productName(locale, p)} (${p.model})`;

/** "122203" → "12 22 03", the way the classification prints codes. */
export const formatIsoCode = (code: string): string => code.replace(/(\d{2})(?=\d)/g, '$1 ');

/** A policy day (YYYY-MM-DD, Beijing time) in words. */
export const formatDay = (day: string, locale: Locale): string =>
  formatDate(new Date(`${day}T12:00:00+08:00`), locale);

const statusColours: Record<AdmissionStatus, TagColour> = {
  applied: 'grey',
  under_review: 'blue',
  notice: 'yellow',
  admitted: 'green',
  rejected: 'red',
  objection_upheld: 'red',
  withdrawn: 'grey',
};

/** An application's status in words; the colour only repeats what the words say. */
export function AdmissionStatusTag({ locale, status }: { locale: Locale; status: AdmissionStatus }) {
  return <Tag text={admissionStatusText(policyLabels.for(locale), status)} colour={statusColours[status]} />;
}

/**
 * Every page of this area: breadcrumbs (after "首页"; the last one is this
 * page, without a link), the error summary, the success banner, then the page.
 */
export function WorkPage(props: {
  ctx: PageContext;
  title: string;
  crumbs: readonly BreadcrumbItem[];
  errors?: FieldErrors | undefined;
  done?: string | undefined;
  children: ComponentChildren;
}) {
  const t = admissionWorkMessages.for(props.ctx.locale);
  const shell = shellMessages.for(props.ctx.locale);
  const errors = Object.entries(props.errors ?? {});
  return (
    <Layout ctx={props.ctx} title={props.title} hasErrors={errors.length > 0}>
      <Breadcrumbs
        label={shell('breadcrumbs')}
        items={[{ text: shell('navHome'), href: '/' }, ...props.crumbs]}
      />
      {errors.length > 0 && (
        <ErrorSummary
          title={t('errorSummary')}
          errors={errors.map(([id, text]) => ({ href: `#${id}`, text }))}
        />
      )}
      {props.done !== undefined && (
        <NotificationBanner type="success" title={t('doneTitle')} titleId="done-title" heading={props.done} />
      )}
      {props.children}
    </Layout>
  );
}

/** The evidence as the applicant submitted it (shown to the applicant and to the panel alike). */
export function EvidenceList({ t, evidence }: { t: WorkT; evidence: AdmissionEvidence }) {
  const none = <span>{t('none')}</span>;
  return (
    <SummaryList
      rows={[
        {
          key: t('fieldRegistration'),
          value: evidence.registrationNumber.trim() === '' ? none : evidence.registrationNumber,
        },
        {
          key: t('evidenceReports'),
          value:
            evidence.testReports.length === 0 ? (
              none
            ) : (
              <ul class="fj-list">
                {evidence.testReports.map((report) => (
                  <li key={report.url}>
                    {/* Only an https address becomes a link: evidence may also come in through the API. */}
                    {report.url.startsWith('https://') ? (
                      <a href={report.url} rel="noopener noreferrer">
                        {report.title}
                      </a>
                    ) : (
                      `${report.title} (${report.url})`
                    )}
                  </li>
                ))}
              </ul>
            ),
        },
        { key: t('fieldParticipants'), value: t('participantsCount', { count: evidence.trialParticipants }) },
        {
          key: t('fieldTrialSummary'),
          value: <p class="fj-body">{evidence.trialSummary}</p>,
        },
      ]}
    />
  );
}
