import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { sendPage } from '../../../../platform/http/index.ts';
import { displayTimeZone, formatDateTime } from '../../../../platform/i18n/index.ts';
import type { OwnDataCollector, OwnDataSection } from '../../../../platform/module.ts';
import {
  Button,
  NotificationBanner,
  Radios,
  SummaryList,
  Table,
  type TableCell,
  Textarea,
} from '../../../../platform/ui/index.ts';
import {
  type CorrectionField,
  correctionFields,
  exportMyData,
  programmeJson,
  requestCorrection,
} from '../../ownAccount.ts';
import { listDistricts } from '../../repo.ts';
import { CsrfField, type FieldErrors, signedIn } from '../common.tsx';
import type { SignInPageDeps } from '../signIn/index.ts';
import { accountMessages } from './messages.ts';
import {
  AccountSubpage,
  ctxAndT,
  districtName,
  formRoute,
  type Key,
  pageRoute,
  roleName,
  type T,
} from './shared.tsx';

const fieldNames: Readonly<Record<CorrectionField, Key>> = {
  name: 'fieldName',
  phone: 'fieldPhone',
  resident_id: 'fieldResidentId',
  district: 'fieldDistrict',
  other: 'fieldOther',
};

const statusNames: Readonly<Record<string, Key>> = {
  open: 'statusOpen',
  done: 'statusDone',
  refused: 'statusRefused',
};

const outcomeNames: Readonly<Record<string, Key>> = {
  success: 'outcomeSuccess',
  failure: 'outcomeFailure',
  denied: 'outcomeDenied',
};

const correctionMaxLength = 1000;

/** The day in the city's time zone, for the export's file name. */
const dayInCity = (date: Date): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: displayTimeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);

const DownloadForm = ({ t, csrf }: { t: T; csrf: string }) => (
  <form method="post" action="/account/export.json">
    <CsrfField token={csrf} />
    <p class="fj-hint">{t('exportDownloadHint')}</p>
    <Button variant="secondary">{t('exportDownload')}</Button>
  </form>
);

/**
 * What the programme's modules hold (the registry record, cases, survey
 * responses): a heading per kind, a summary list per record, so it reads at
 * 320 px however many fields a record has.
 */
const ProgrammeSections = ({ t, sections }: { t: T; sections: readonly OwnDataSection[] }) => (
  <>
    {sections.map((section) => (
      <section key={section.key} aria-labelledby={`export-${section.key}-heading`}>
        <h2 class="fj-heading-m" id={`export-${section.key}-heading`}>
          {section.heading}
        </h2>
        {section.records.length === 0 ? (
          <p class="fj-body">{t('none')}</p>
        ) : (
          section.records.map((record, index) => (
            // Headings may repeat (two follow-ups on one day): the position is the record's identity here.
            <div key={index}>
              <h3 class="fj-heading-s">{record.heading}</h3>
              <SummaryList rows={record.fields.map((field) => ({ key: field.label, value: field.text }))} />
            </div>
          ))
        )}
      </section>
    ))}
  </>
);

/** My data: its export (as a page or a JSON file) and asking for a correction. */
export function dataPages(
  app: FastifyInstance,
  deps: SignInPageDeps & { readonly ownData: OwnDataCollector },
): void {
  const { db } = deps;

  // ---------- export ----------

  app.get('/account/export', pageRoute(), async (request, reply) => {
    const { ctx, t } = ctxAndT(deps, request, reply);
    const csrf = reply.generateCsrf();
    return sendPage(
      reply,
      <AccountSubpage ctx={ctx} t={t} title={t('exportTitle')}>
        <p class="fj-body">{t('exportLead')}</p>
        <p class="fj-body">
          <strong>{t('exportFullNotice')}</strong>
        </p>
        <form method="post" action="/account/export">
          <CsrfField token={csrf} />
          <Button>{t('exportShow')}</Button>
        </form>
        <DownloadForm t={t} csrf={csrf} />
      </AccountSubpage>,
    );
  });

  app.post('/account/export', formRoute(), async (request, reply) => {
    const actor = signedIn(request);
    const { ctx, t } = ctxAndT(deps, request, reply);
    const data = await exportMyData(deps, actor, request.ip, ctx.locale);
    const districts = await listDistricts(db);
    const at = (iso: string) => formatDateTime(new Date(iso), ctx.locale);
    const a = data.account;
    const table = (heading: string, id: string, columns: string[], rows: TableCell[][], lead?: string) => (
      <>
        <h2 class="fj-heading-m" id={`${id}-heading`}>
          {heading}
        </h2>
        {lead && <p class="fj-body">{lead}</p>}
        {rows.length === 0 ? (
          <p class="fj-body">{t('none')}</p>
        ) : (
          <Table
            id={id}
            caption={heading}
            captionVisuallyHidden
            columns={columns.map((header) => ({ header }))}
            rows={rows}
          />
        )}
      </>
    );
    return sendPage(
      reply,
      <AccountSubpage
        ctx={ctx}
        t={t}
        title={t('exportTitle')}
        banner={
          <NotificationBanner
            title={t('importantTitle')}
            titleId="export-shown-title"
            heading={t('exportShownNotice')}
          />
        }
      >
        <h2 class="fj-heading-m">{t('accountHeading')}</h2>
        <SummaryList
          rows={[
            { key: t('exportedAt'), value: at(data.exportedAt) },
            { key: t('accountKind'), value: a.kind === 'staff' ? t('kindStaff') : t('kindResident') },
            { key: t('username'), value: a.username ?? t('noUsername') },
            { key: t('displayName'), value: a.displayName || t('notSet') },
            { key: t('phone'), value: a.phone ?? t('notRecorded') },
            { key: t('residentId'), value: a.residentId ?? t('idNotBound') },
            {
              key: t('district'),
              value: districtName(districts, a.districtCode, ctx.locale) ?? t('notRecorded'),
            },
            { key: t('memberSince'), value: at(a.createdAt) },
            { key: t('secondFactor'), value: a.secondFactor ? t('on') : t('off') },
          ]}
        />
        {table(
          t('rolesHeading'),
          'export-roles',
          [t('role'), t('organisation')],
          data.roles.map((r) => [
            roleName(t, r.role),
            (ctx.locale === 'en' ? r.organisationNameEn : r.organisationNameZh) ?? '—',
          ]),
        )}
        {table(
          t('sessionsHeading'),
          'export-sessions',
          [t('device'), t('started'), t('lastActive')],
          data.sessions.map((s) => [s.device || t('unknownDevice'), at(s.createdAt), at(s.lastSeenAt)]),
        )}
        {table(
          t('correctionsHeading'),
          'export-corrections',
          [t('sentAt'), t('correctionField'), t('correctionMessage'), t('correctionStatus')],
          data.correctionRequests.map((c) => [
            at(c.createdAt),
            c.field in fieldNames ? t(fieldNames[c.field as CorrectionField]) : c.field,
            c.message,
            statusNames[c.status] ? t(statusNames[c.status] as Key) : c.status,
          ]),
        )}
        {table(
          t('activityHeading'),
          'export-activity',
          [t('activityTime'), t('activityAction'), t('activityOutcome')],
          data.recentActivity.map((e) => [
            at(e.at),
            { content: <code>{e.action}</code> },
            outcomeNames[e.outcome] ? t(outcomeNames[e.outcome] as Key) : e.outcome,
          ]),
          t('activityLead'),
        )}
        <ProgrammeSections t={t} sections={data.programme} />
        <DownloadForm t={t} csrf={reply.generateCsrf()} />
      </AccountSubpage>,
    );
  });

  app.post('/account/export.json', formRoute(), async (request, reply) => {
    const { programme, ...account } = await exportMyData(deps, signedIn(request), request.ip, request.locale);
    const data = { ...account, programme: programmeJson(programme) };
    return reply
      .header(
        'content-disposition',
        `attachment; filename="fuju-my-data-${dayInCity(new Date(data.exportedAt))}.json"`,
      )
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  // ---------- correction ----------

  const correctionPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { field?: string; message?: string; errors?: FieldErrors },
    status = 200,
  ) => {
    const { ctx, t } = ctxAndT(deps, request, reply);
    return sendPage(
      reply,
      <AccountSubpage ctx={ctx} t={t} title={t('correctionTitle')} errors={state.errors}>
        <p class="fj-body">{t('correctionLead')}</p>
        <form method="post" action="/account/correction" novalidate>
          <CsrfField token={reply.generateCsrf()} />
          <Radios
            idPrefix="field"
            name="field"
            legend={t('correctionFieldLegend')}
            legendSize="m"
            items={correctionFields.map((f) => ({ value: f, text: t(fieldNames[f]) }))}
            value={state.field}
            error={state.errors?.field}
            errorPrefix={t('errorPrefix')}
          />
          <Textarea
            id="message"
            name="message"
            label={t('correctionMessageLabel')}
            labelSize="m"
            hint={t('correctionMessageHint')}
            value={state.message}
            rows={6}
            error={state.errors?.message}
            errorPrefix={t('errorPrefix')}
          />
          <Button preventDoubleClick>{t('correctionSubmit')}</Button>
        </form>
      </AccountSubpage>,
      status,
    );
  };

  app.get('/account/correction', pageRoute(), async (request, reply) => correctionPage(request, reply, {}));

  app.post(
    '/account/correction',
    // Generous caps here so that a long text gets the form's own message, not a bare 400.
    formRoute({
      field: Type.Optional(Type.String({ maxLength: 40 })),
      message: Type.Optional(Type.String({ maxLength: 20_000 })),
    }),
    async (request, reply) => {
      const actor = signedIn(request);
      const body = request.body as { field?: string; message?: string };
      const t = accountMessages.for(request.locale);
      const field = correctionFields.find((f) => f === body.field);
      const message = (body.message ?? '').trim();
      const errors: Record<string, string> = {};
      if (field === undefined) errors.field = t('correctionFieldMissing');
      if (message === '') errors.message = t('correctionMessageMissing');
      else if (Array.from(message).length > correctionMaxLength)
        errors.message = t('correctionMessageTooLong');
      if (field === undefined || Object.keys(errors).length > 0) {
        return correctionPage(request, reply, { field: body.field, message: body.message, errors }, 400);
      }
      await requestCorrection(deps, actor, { field, message, address: request.ip });
      return reply.redirect('/account?done=correction', 303);
    },
  );
}
