import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DoneQuery, IdParams, pageContext, StrictBody, sendPage } from '../../../../platform/http/index.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  CsrfField,
  doneText,
  type FieldErrors,
  Select,
  SummaryList,
  shellMessages,
  Table,
  type TableCell,
} from '../../../../platform/ui/index.ts';
import { type District, listDistricts, type StaffMember } from '../../../identity/index.ts';
import { beijingDay } from '../../../policyCatalogs/index.ts';
import { type Campaign, campaignById, campaignWorkerIds, progressByDistrict } from '../../campaignRepo.ts';
import {
  assignCampaignWorker,
  CampaignCommandError,
  type CampaignRefusal,
  closeCampaign,
  eligibleWorkers,
  openCampaign,
  removeCampaignWorker,
} from '../../campaignService.ts';
import { commandContext } from '../../commands.ts';
import { campaignAllows } from '../../domain/campaignRules.ts';
import { textIn } from '../../domain/questionnaire.ts';
import { type CampaignsT, campaignsMessages } from './messages.ts';
import {
  CampaignStatusTag,
  categoriesText,
  districtName,
  FreeText,
  InLocale,
  managedCampaign,
  periodText,
  SurveysPage,
} from './shared.tsx';

const VersionBody = StrictBody({ version: Type.String({ maxLength: 20 }) });
const WorkerBody = StrictBody({ userId: Type.Optional(Type.String({ maxLength: 100 })) });

/** Where each refusal is shown on the campaign page: next to the part of the page it concerns. */
const refusalAnchors: Record<CampaignRefusal, string> = {
  stale: 'status',
  status: 'status',
  periodOver: 'status',
  notEligible: 'userId',
};

export interface CampaignPageState {
  readonly errors?: FieldErrors;
  readonly done?: string | undefined;
}

/** The campaign page (GET /surveys/:id), also shown again with what went wrong with a command. */
export async function renderCampaign(
  deps: ModuleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  campaign: Campaign,
  state: CampaignPageState,
  status = 200,
): Promise<FastifyReply> {
  const { db, config, assets } = deps;
  const ctx = pageContext(config, assets, request, reply);
  const { locale } = ctx;
  const t = campaignsMessages.for(locale);
  const [districts, progress, assignedIds, eligible] = await Promise.all([
    listDistricts(db),
    progressByDistrict(db, campaign.id),
    campaignWorkerIds(db, campaign.id),
    eligibleWorkers(db, campaign),
  ]);
  const districtByCode = new Map(districts.map((d) => [d.code, d]));
  const csrf = reply.generateCsrf();
  const title = textIn(locale, campaign.title);
  const version = <input type="hidden" name="version" value={String(campaign.version)} />;
  return sendPage(
    reply,
    <SurveysPage ctx={ctx} title={title} crumbs={[{ text: title }]} errors={state.errors} done={state.done}>
      <h1 class="fj-heading-l">
        <InLocale locale={locale} zh={campaign.title.zh} en={campaign.title.en} />
      </h1>
      <h2 class="fj-heading-m">{t('detailsHeading')}</h2>
      <SummaryList
        rows={[
          { key: t('rowStatus'), value: <CampaignStatusTag locale={locale} status={campaign.status} /> },
          { key: t('rowTitleZh'), value: <span lang="zh-CN">{campaign.title.zh}</span> },
          { key: t('rowTitleEn'), value: <span lang="en">{campaign.title.en}</span> },
          {
            key: t('rowQuestionnaire'),
            value: (
              <a href={`/questionnaires/${campaign.questionnaireId}`}>
                {t('questionnaireOption', {
                  title: textIn(locale, campaign.questionnaire.title),
                  version: campaign.questionnaire.version,
                })}
              </a>
            ),
          },
          { key: t('rowPeriod'), value: periodText(t, locale, campaign) },
          {
            key: t('rowDistricts'),
            value: districtList(t, locale, campaign.districtCodes, districts),
          },
          { key: t('rowCategories'), value: categoriesText(locale, campaign.disabilityCategories) },
        ]}
      />
      {campaignAllows(campaign.status, 'edit') && (
        <p class="fj-body">
          <a href={`/surveys/${campaign.id}/edit`}>
            {t('editLink')}
            <span class="fj-visually-hidden"> {t('editHidden')}</span>
          </a>
        </p>
      )}

      <h2 class="fj-heading-m">{t('linksHeading')}</h2>
      <ul class="fj-list">
        <li>
          <a href={`/questionnaires/${campaign.questionnaireId}`}>{t('questionnaireLink')}</a>
        </li>
        <li>
          <a href={`/needs/campaigns/${campaign.id}`}>{t('analyticsLink')}</a>
        </li>
        <li>
          <a href={`/surveys/${campaign.id}/form`}>{t('formLink')}</a>
        </li>
      </ul>

      <h2 class="fj-heading-m" id="status" tabindex={-1}>
        {t('statusHeading')}
      </h2>
      {campaign.status === 'draft' && (
        <form method="post" action={`/surveys/${campaign.id}/open`}>
          <CsrfField token={csrf} />
          {version}
          <p class="fj-body">{t('openLead')}</p>
          <Button preventDoubleClick>{t('openButton')}</Button>
        </form>
      )}
      {campaign.status === 'open' && (
        <form method="post" action={`/surveys/${campaign.id}/close`}>
          <CsrfField token={csrf} />
          {version}
          <p class="fj-body">{t('closeLead')}</p>
          <Button variant="warning" preventDoubleClick>
            {t('closeButton')}
          </Button>
        </form>
      )}
      {campaign.status === 'closed' && <p class="fj-body">{t('closedLead')}</p>}

      <Workers
        t={t}
        locale={locale}
        campaign={campaign}
        csrf={csrf}
        assignedIds={assignedIds}
        eligible={eligible}
        districtByCode={districtByCode}
        error={state.errors?.userId}
      />

      <h2 class="fj-heading-m">{t('progressHeading')}</h2>
      <p class="fj-body">{t('progressLead')}</p>
      <Table
        id="progress"
        caption={t('progressCaption')}
        captionVisuallyHidden
        firstCellIsHeader
        columns={[
          { header: t('colDistrict') },
          { header: t('colSubmittedCount'), numeric: true },
          { header: t('colInProgress'), numeric: true },
        ]}
        rows={[
          ...campaign.districtCodes.map((code): TableCell[] => {
            const counts = progress.find((p) => p.districtCode === code);
            const district = districtByCode.get(code);
            return [
              district ? districtName(locale, district) : code,
              counts?.submitted ?? 0,
              counts?.inProgress ?? 0,
            ];
          }),
          [
            t('total'),
            progress.reduce((sum, p) => sum + p.submitted, 0),
            progress.reduce((sum, p) => sum + p.inProgress, 0),
          ],
        ]}
      />
    </SurveysPage>,
    status,
  );
}

function districtList(
  t: CampaignsT,
  locale: Locale,
  codes: readonly string[],
  districts: readonly District[],
) {
  if (codes.length >= districts.length) return t('allDistricts', { count: codes.length });
  return districts
    .filter((d) => codes.includes(d.code))
    .map((d) => districtName(locale, d))
    .join(locale === 'zh-CN' ? '、' : ', ');
}

/** The workers assigned, each removable, and the form to assign one more (until the campaign closes). */
function Workers(props: {
  t: CampaignsT;
  locale: Locale;
  campaign: Campaign;
  csrf: string;
  assignedIds: readonly string[];
  eligible: readonly StaffMember[];
  districtByCode: ReadonlyMap<string, District>;
  error: string | undefined;
}) {
  const { t, locale, campaign, csrf } = props;
  const changeable = campaignAllows(campaign.status, 'assignWorker');
  const known = new Map(props.eligible.map((s) => [s.userId, s]));
  const assigned = props.assignedIds.map((id) => ({ id, member: known.get(id) }));
  const assignable = props.eligible.filter((s) => !props.assignedIds.includes(s.userId));
  const organisation = (s: StaffMember) => (locale === 'zh-CN' ? s.organisationNameZh : s.organisationNameEn);
  const district = (s: StaffMember | undefined) => {
    const d = s?.districtCode ? props.districtByCode.get(s.districtCode) : undefined;
    return d ? districtName(locale, d) : '';
  };
  return (
    <>
      <h2 class="fj-heading-m" id="workers">
        {t('workersHeading')}
      </h2>
      <p class="fj-body">{t('workersLead')}</p>
      {assigned.length === 0 ? (
        <p class="fj-body">{t('noWorkers')}</p>
      ) : (
        <Table
          id="assigned-workers"
          caption={t('workersCaption')}
          captionVisuallyHidden
          firstCellIsHeader
          columns={[
            { header: t('colWorker') },
            { header: t('colOrganisation') },
            { header: t('colDistrict') },
            ...(changeable ? [{ header: t('colAction') }] : []),
          ]}
          rows={assigned.map(({ id, member }): TableCell[] => {
            const name = member?.displayName ?? t('formerWorker');
            return [
              { content: <FreeText locale={locale} text={name} /> },
              member ? organisation(member) : '',
              district(member),
              ...(changeable
                ? [
                    {
                      content: (
                        <form method="post" action={`/surveys/${campaign.id}/workers/remove`}>
                          <CsrfField token={csrf} />
                          <input type="hidden" name="userId" value={id} />
                          <button type="submit" class="fj-link-button">
                            {t('removeButton')}
                            <span class="fj-visually-hidden">{t('hiddenSuffix', { text: name })}</span>
                          </button>
                        </form>
                      ),
                    },
                  ]
                : []),
            ];
          })}
        />
      )}
      {changeable &&
        (assignable.length === 0 ? (
          <p class="fj-body">{t('noEligible')}</p>
        ) : (
          <form method="post" action={`/surveys/${campaign.id}/workers`} novalidate>
            <CsrfField token={csrf} />
            <Select
              id="userId"
              name="userId"
              label={t('fieldWorker')}
              hint={t('fieldWorkerHint')}
              error={props.error}
              errorPrefix={shellMessages.for(locale)('errorPrefix')}
              options={[
                { value: '', text: t('chooseOne') },
                ...assignable.map((s) => ({
                  value: s.userId,
                  text: t('workerOption', {
                    name: s.displayName,
                    organisation: organisation(s),
                    district: district(s),
                  }),
                })),
              ]}
            />
            <Button variant="secondary" preventDoubleClick>
              {t('assignButton')}
            </Button>
          </form>
        ))}
    </>
  );
}

/** GET /surveys/:id and its commands: open, close, assign and remove workers. */
export function campaignPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db } = deps;

  /** A refused command: the campaign as it is now, with the reason next to the part concerned. */
  const refused = async (
    request: FastifyRequest,
    reply: FastifyReply,
    campaign: Campaign,
    error: unknown,
  ) => {
    if (!(error instanceof CampaignCommandError)) throw error;
    const t = campaignsMessages.for(request.locale);
    const fresh = (await campaignById(db, campaign.id)) ?? campaign;
    const key = `err_${error.refusal}` as const;
    return renderCampaign(
      deps,
      request,
      reply,
      fresh,
      { errors: { [refusalAnchors[error.refusal]]: t(key) } },
      409,
    );
  };

  app.get(
    '/surveys/:id',
    { config: { access: 'survey.manage' }, schema: { hide: true, params: IdParams, querystring: DoneQuery } },
    async (request, reply) => {
      const campaign = await managedCampaign(db, request);
      const { done } = request.query as { done?: string };
      return renderCampaign(deps, request, reply, campaign, {
        done: doneText(campaignsMessages, request.locale, done),
      });
    },
  );

  app.post(
    '/surveys/:id/open',
    { config: { access: 'survey.manage' }, schema: { hide: true, params: IdParams, body: VersionBody } },
    async (request, reply) => {
      const campaign = await managedCampaign(db, request);
      const { version } = request.body as { version: string };
      try {
        await openCampaign(db, commandContext(request), campaign.id, Number(version), beijingDay(new Date()));
      } catch (error) {
        return refused(request, reply, campaign, error);
      }
      return reply.redirect(`/surveys/${campaign.id}?done=opened`, 303);
    },
  );

  app.post(
    '/surveys/:id/close',
    { config: { access: 'survey.manage' }, schema: { hide: true, params: IdParams, body: VersionBody } },
    async (request, reply) => {
      const campaign = await managedCampaign(db, request);
      const { version } = request.body as { version: string };
      try {
        await closeCampaign(db, commandContext(request), campaign.id, Number(version));
      } catch (error) {
        return refused(request, reply, campaign, error);
      }
      return reply.redirect(`/surveys/${campaign.id}?done=closed`, 303);
    },
  );

  app.post(
    '/surveys/:id/workers',
    { config: { access: 'survey.manage' }, schema: { hide: true, params: IdParams, body: WorkerBody } },
    async (request, reply) => {
      const campaign = await managedCampaign(db, request);
      const userId = (request.body as { userId?: string }).userId ?? '';
      if (userId === '') {
        const t = campaignsMessages.for(request.locale);
        return renderCampaign(
          deps,
          request,
          reply,
          campaign,
          { errors: { userId: t('err_workerRequired') } },
          400,
        );
      }
      try {
        await assignCampaignWorker(db, commandContext(request), campaign.id, userId);
      } catch (error) {
        return refused(request, reply, campaign, error);
      }
      return reply.redirect(`/surveys/${campaign.id}?done=workerAssigned#workers`, 303);
    },
  );

  app.post(
    '/surveys/:id/workers/remove',
    { config: { access: 'survey.manage' }, schema: { hide: true, params: IdParams, body: WorkerBody } },
    async (request, reply) => {
      const campaign = await managedCampaign(db, request);
      const userId = (request.body as { userId?: string }).userId ?? '';
      try {
        await removeCampaignWorker(db, commandContext(request), campaign.id, userId);
      } catch (error) {
        return refused(request, reply, campaign, error);
      }
      return reply.redirect(`/surveys/${campaign.id}?done=workerRemoved#workers`, 303);
    },
  );
}
