import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DoneQuery, HttpError, pageContext, StrictBody, sendPage } from '../../../../platform/http/index.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  CsrfField,
  doneText,
  type FieldErrors,
  Radios,
  shellMessages,
  Table,
  type TableCell,
  TextInput,
} from '../../../../platform/ui/index.ts';
import { listAdmissions } from '../../admissionsRepo.ts';
import { type CatalogVersion, listCatalogs, readSettings } from '../../catalogsRepo.ts';
import { createDraft } from '../../catalogsService.ts';
import type { CatalogKind } from '../../domain/items.ts';
import { beijingDay, policyYearOf } from '../../domain/policyYear.ts';
import { kindText, policyLabels } from '../labels.ts';
import { CatalogStatusTag, commandContext, inLocale, trimmed, wholeNumber } from '../shared.tsx';
import { type AdminT, policyAdminMessages } from './messages.ts';
import { PolicyAdminPage } from './shared.tsx';

const kinds: readonly CatalogKind[] = ['subsidy', 'rehab'];
const isKind = (value: string): value is CatalogKind => (kinds as readonly string[]).includes(value);

export const firstYear = 2000;
export const lastYear = 2100;
const maxTitle = 200;

/** The draft form as typed: kept on the page after an error. */
interface DraftForm {
  kind?: string;
  year?: string;
  titleZh?: string;
  titleEn?: string;
}

const DraftBody = StrictBody({
  kind: Type.Optional(Type.String({ maxLength: 20 })),
  year: Type.String({ maxLength: 20 }),
  titleZh: Type.String({ maxLength: 2000 }),
  titleEn: Type.String({ maxLength: 2000 }),
});

/** A draft's fields, checked; errors keyed by field id in the order of the form. */
export function checkedDraft(
  t: AdminT,
  form: DraftForm,
): { draft?: { kind: CatalogKind; year: number; titleZh: string; titleEn: string }; errors: FieldErrors } {
  const errors: Record<string, string> = {};
  const kind = trimmed(form.kind);
  if (!isKind(kind)) errors.kind = t('err_kindRequired');
  const rawYear = trimmed(form.year);
  const year = wholeNumber(rawYear);
  if (rawYear === '') errors.year = t('err_yearRequired');
  else if (year === null || year < firstYear || year > lastYear)
    errors.year = t('err_yearRange', { min: firstYear, max: lastYear });
  const titleZh = trimmed(form.titleZh);
  const titleEn = trimmed(form.titleEn);
  for (const [field, value] of [
    ['titleZh', titleZh],
    ['titleEn', titleEn],
  ] as const) {
    if (value === '') errors[field] = t(`err_${field}Required`);
    else if (value.length > maxTitle) errors[field] = t('err_titleTooLong', { max: maxTitle });
  }
  if (Object.keys(errors).length > 0 || !isKind(kind) || year === null) return { errors };
  return { draft: { kind, year, titleZh, titleEn }, errors };
}

/** Admissions someone has to act on: waiting for a panel, under review, or under notice. */
const waitingStatuses = ['applied', 'under_review', 'notice'] as const;

/** GET /admin/policy-catalogs (both kinds' versions and the new-draft form) and POST (create a draft). */
export function catalogListPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;

  const listPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values?: DraftForm; errors?: FieldErrors; done?: string | undefined },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = policyAdminMessages.for(ctx.locale);
    const l = policyLabels.for(ctx.locale);
    const shell = shellMessages.for(ctx.locale);
    const [versions, waiting] = await Promise.all([
      Promise.all(kinds.map((kind) => listCatalogs(db, kind, { includeDrafts: true }))),
      listAdmissions(db, { all: true, organisationIds: [], reviewerId: null }, { statuses: waitingStatuses }),
    ]);
    const values = state.values ?? {};
    const errors = state.errors ?? {};
    const field = (name: keyof DraftForm) => ({
      id: name,
      name,
      value: values[name] ?? '',
      error: errors[name],
      errorPrefix: shell('errorPrefix'),
    });
    return sendPage(
      reply,
      <PolicyAdminPage
        ctx={ctx}
        area="catalogs"
        title={t('catalogsTitle')}
        crumbs={[]}
        errors={errors}
        done={state.done}
      >
        <h1 class="fj-heading-l">{t('catalogsTitle')}</h1>
        <p class="fj-body">{t('catalogsLead')}</p>
        <ul class="fj-list">
          <li>
            <a href="/admin/admissions">{t('admissionsLink')}</a>
            {' — '}
            {t('admissionsWaiting', { count: waiting.length })}
          </li>
          <li>
            <a href="/admin/policy-catalogs/settings">{t('settingsLink')}</a>
          </li>
        </ul>
        {kinds.map((kind, index) => (
          <VersionTable
            key={kind}
            t={t}
            locale={ctx.locale}
            title={kindText(l, kind)}
            kind={kind}
            versions={versions[index] ?? []}
          />
        ))}
        <h2 class="fj-heading-m" id="new-draft">
          {t('newDraftTitle')}
        </h2>
        <p class="fj-body">{t('newDraftLead')}</p>
        <form method="post" action="/admin/policy-catalogs" novalidate>
          <CsrfField token={reply.generateCsrf()} />
          <Radios
            idPrefix="kind"
            name="kind"
            legend={t('fieldKind')}
            legendSize="s"
            value={values.kind}
            error={errors.kind}
            errorPrefix={shell('errorPrefix')}
            items={kinds.map((kind) => ({ value: kind, text: kindText(l, kind) }))}
          />
          <TextInput
            {...field('year')}
            label={t('fieldYear')}
            hint={t('fieldYearHint', { min: firstYear, max: lastYear })}
            width="4"
            inputmode="numeric"
            autocomplete="off"
            maxlength={4}
          />
          <TextInput
            {...field('titleZh')}
            label={t('fieldTitleZh')}
            hint={t('fieldTitleZhHint')}
            maxlength={maxTitle}
            autocomplete="off"
          />
          <TextInput
            {...field('titleEn')}
            label={t('fieldTitleEn')}
            hint={t('fieldTitleEnHint')}
            maxlength={maxTitle}
            autocomplete="off"
            spellcheck
          />
          <Button preventDoubleClick>{t('createDraft')}</Button>
        </form>
      </PolicyAdminPage>,
      status,
    );
  };

  app.get(
    '/admin/policy-catalogs',
    { config: { access: 'policy_catalog.manage' }, schema: { hide: true, querystring: DoneQuery } },
    async (request, reply) => {
      const { done } = request.query as { done?: string };
      // A new draft is usually for the policy year after the one running today.
      const { yearStart } = await readSettings(db);
      const nextYear = policyYearOf(beijingDay(new Date()), yearStart) + 1;
      return listPage(request, reply, {
        done: doneText(policyAdminMessages, request.locale, done),
        values: { year: String(nextYear) },
      });
    },
  );

  app.post(
    '/admin/policy-catalogs',
    { config: { access: 'policy_catalog.manage' }, schema: { hide: true, body: DraftBody } },
    async (request, reply) => {
      const form = request.body as DraftForm;
      const t = policyAdminMessages.for(request.locale);
      const { draft, errors } = checkedDraft(t, form);
      if (draft === undefined) return listPage(request, reply, { values: form, errors }, 400);
      let id: string;
      try {
        id = await createDraft(db, commandContext(request), draft);
      } catch (error) {
        // The only conflict a new draft can meet: a version of this kind for this year exists.
        if (!(error instanceof HttpError) || error.statusCode !== 409) throw error;
        return listPage(
          request,
          reply,
          { values: form, errors: { year: t('err_yearTaken', { year: draft.year }) } },
          400,
        );
      }
      return reply.redirect(`/admin/policy-catalogs/${id}?done=draftCreated`, 303);
    },
  );
}

/** One kind's versions, newest year first, each linking to its page. */
function VersionTable(props: {
  t: AdminT;
  locale: Locale;
  title: string;
  kind: CatalogKind;
  versions: readonly CatalogVersion[];
}) {
  const { t, locale } = props;
  return (
    <>
      <h2 class="fj-heading-m">{props.title}</h2>
      {props.versions.length === 0 ? (
        <p class="fj-body">{t('noVersions')}</p>
      ) : (
        <Table
          id={`versions-${props.kind}`}
          caption={t('versionsCaption', { kind: props.title })}
          captionSize="s"
          captionVisuallyHidden
          firstCellIsHeader
          columns={[
            { header: t('colYear') },
            { header: t('colTitle') },
            { header: t('colStatus') },
            { header: t('colItems'), numeric: true },
          ]}
          rows={props.versions.map((v): TableCell[] => [
            String(v.year),
            {
              content: (
                <a href={`/admin/policy-catalogs/${v.id}`}>{inLocale(locale, v.titleZh, v.titleEn)}</a>
              ),
            },
            { content: <CatalogStatusTag locale={locale} status={v.status} /> },
            v.itemCount,
          ])}
        />
      )}
    </>
  );
}
