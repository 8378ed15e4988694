import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../../platform/db/index.ts';
import { IdParams, PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import { Button, ButtonGroup, CsrfField, type FieldErrors } from '../../../../platform/ui/index.ts';
import { listDistricts } from '../../../identity/index.ts';
import { beijingDay } from '../../../policyCatalogs/index.ts';
import { type Campaign, campaignById, listQuestionnaires } from '../../campaignRepo.ts';
import { CampaignCommandError, createCampaign, editCampaign } from '../../campaignService.ts';
import { commandContext } from '../../commands.ts';
import type { CampaignContext } from '../../domain/campaignRules.ts';
import { textIn } from '../../domain/questionnaire.ts';
import { CampaignFields } from './campaignFields.tsx';
import {
  type CampaignForm,
  checkedCampaign,
  EditCampaignBody,
  formOf,
  NewCampaignBody,
} from './campaignForm.ts';
import { renderCampaign } from './campaignPage.tsx';
import { campaignsMessages } from './messages.ts';
import { managedCampaign, SurveysPage } from './shared.tsx';

/** What the checks need: the questionnaires and districts there are, and today in Xi'an. */
async function checkContext(db: Db): Promise<CampaignContext> {
  const [questionnaires, districts] = await Promise.all([listQuestionnaires(db), listDistricts(db)]);
  return {
    questionnaireIds: new Set(questionnaires.map((q) => q.id)),
    districtCodes: new Set(districts.map((d) => d.code)),
    today: beijingDay(new Date()),
  };
}

/** GET/POST /surveys/new (a new draft) and GET/POST /surveys/:id/edit (change a draft). */
export function campaignFormPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;

  const formPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { campaign?: Campaign; values: CampaignForm; errors?: FieldErrors },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = campaignsMessages.for(ctx.locale);
    const [questionnaires, districts] = await Promise.all([listQuestionnaires(db), listDistricts(db)]);
    const { campaign } = state;
    const title = campaign === undefined ? t('newTitle') : t('editTitle');
    const back = campaign === undefined ? '/surveys' : `/surveys/${campaign.id}`;
    return sendPage(
      reply,
      <SurveysPage
        ctx={ctx}
        title={title}
        crumbs={[
          ...(campaign === undefined ? [] : [{ text: textIn(ctx.locale, campaign.title), href: back }]),
          { text: title },
        ]}
        errors={state.errors}
      >
        <h1 class="fj-heading-l" id="campaign-form">
          {title}
        </h1>
        <p class="fj-body">{campaign === undefined ? t('newLead') : t('editLead')}</p>
        <form
          method="post"
          action={campaign === undefined ? '/surveys/new' : `/surveys/${campaign.id}/edit`}
          novalidate
        >
          <CsrfField token={reply.generateCsrf()} />
          {campaign !== undefined && <input type="hidden" name="version" value={String(campaign.version)} />}
          <CampaignFields
            locale={ctx.locale}
            values={state.values}
            errors={state.errors ?? {}}
            questionnaires={questionnaires}
            districts={districts}
          />
          <ButtonGroup>
            <Button preventDoubleClick>{campaign === undefined ? t('createButton') : t('saveButton')}</Button>
            <a href={back} class="fj-body">
              {t('cancel')}
            </a>
          </ButtonGroup>
        </form>
      </SurveysPage>,
      status,
    );
  };

  app.get(
    '/surveys/new',
    { config: { access: 'survey.manage' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      // The usual campaign: the default questionnaire's newest version, the whole city.
      const [questionnaires, districts] = await Promise.all([listQuestionnaires(db), listDistricts(db)]);
      return formPage(request, reply, {
        values: {
          questionnaireId: questionnaires.length === 1 ? questionnaires[0]?.id : undefined,
          districtCodes: districts.map((d) => d.code),
        },
      });
    },
  );

  app.post(
    '/surveys/new',
    { config: { access: 'survey.manage' }, schema: { hide: true, body: NewCampaignBody } },
    async (request, reply) => {
      const { _csrf, ...form } = request.body as CampaignForm & { _csrf: string };
      const t = campaignsMessages.for(request.locale);
      const { campaign, errors } = checkedCampaign(t, form, await checkContext(db));
      if (campaign === undefined) return formPage(request, reply, { values: form, errors }, 400);
      const id = await createCampaign(db, commandContext(request), campaign);
      return reply.redirect(`/surveys/${id}?done=created`, 303);
    },
  );

  app.get(
    '/surveys/:id/edit',
    { config: { access: 'survey.manage' }, schema: { hide: true, params: IdParams, querystring: PageQuery } },
    async (request, reply) => {
      const campaign = await managedCampaign(db, request);
      // Only a draft has an edit form; an old link lands on the campaign as it is now.
      if (campaign.status !== 'draft') return reply.redirect(`/surveys/${campaign.id}`, 303);
      return formPage(request, reply, { campaign, values: formOf(campaign) });
    },
  );

  app.post(
    '/surveys/:id/edit',
    { config: { access: 'survey.manage' }, schema: { hide: true, params: IdParams, body: EditCampaignBody } },
    async (request, reply) => {
      const campaign = await managedCampaign(db, request);
      const { _csrf, version, ...form } = request.body as CampaignForm & { _csrf: string; version: string };
      const t = campaignsMessages.for(request.locale);
      const checked = checkedCampaign(t, form, await checkContext(db));
      if (checked.campaign === undefined) {
        return formPage(request, reply, { campaign, values: form, errors: checked.errors }, 400);
      }
      try {
        await editCampaign(db, commandContext(request), campaign.id, Number(version), checked.campaign);
      } catch (error) {
        if (!(error instanceof CampaignCommandError)) throw error;
        const fresh = (await campaignById(db, campaign.id)) ?? campaign;
        // Opened meanwhile: a draft no more, so the campaign as it is now, saying why nothing changed.
        if (error.refusal !== 'stale') {
          return renderCampaign(deps, request, reply, fresh, { errors: { status: t('err_status') } }, 409);
        }
        // Someone changed the draft meanwhile: show theirs, so nothing is overwritten unseen.
        return formPage(
          request,
          reply,
          { campaign: fresh, values: formOf(fresh), errors: { 'campaign-form': t('err_stale') } },
          409,
        );
      }
      return reply.redirect(`/surveys/${campaign.id}?done=updated`, 303);
    },
  );
}
