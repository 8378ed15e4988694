// What the answering pages share: who acts, the campaign and response they name, dates, refusals.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorise, signedIn, sourceAddress } from '../../../../platform/auth/index.ts';
import type { Db } from '../../../../platform/db/index.ts';
import { HttpError, pageContext, sendPage } from '../../../../platform/http/index.ts';
import { formatDay, type Locale } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import { FormPage, type PageContext, shellMessages } from '../../../../platform/ui/index.ts';
import { listDistricts } from '../../../identity/index.ts';
import { type Campaign, campaignById, takesAnswers } from '../../campaignRepo.ts';
import { responseById, type SurveyResponse } from '../../responseRepo.ts';
import { type ResponseActor, ResponseProblem, responseTarget } from '../../responseService.ts';
import { answerMessages } from './messages.ts';
import { inText } from './words.ts';

export const notFound = () => new HttpError(404, 'not_found', 'not found');

export const CampaignParams = Type.Object({ campaignId: Type.String({ format: 'uuid' }) });

/** A form's key for a question's field (`fieldName`): `q.<id>`, or a grid row's `q.<id>.<row>`. */
export const questionFieldPattern = '^q\\.[a-z][a-z0-9_]{0,39}(\\.[a-z][a-z0-9_]{0,39})?$';

export const responseActor = (request: FastifyRequest): ResponseActor => ({
  actor: signedIn(request),
  sourceAddress: sourceAddress(request),
});

/** The campaign a page names; a draft is not there for anyone answering (404). */
export async function answerableCampaign(db: Db, id: string): Promise<Campaign> {
  const campaign = await campaignById(db, id);
  if (campaign === null || campaign.status === 'draft') throw notFound();
  return campaign;
}

/**
 * The campaign, for staff who answer in some of its districts, when it takes
 * answers today: 404 (audited) for a worker none of whose districts it
 * covers; its "closed" page sent, and null, when it takes none.
 */
export async function campaignForWorker(
  deps: Pick<ModuleDeps, 'db' | 'config' | 'assets'>,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  today: string,
): Promise<Campaign | null> {
  const campaign = await answerableCampaign(deps.db, id);
  await authorise(
    deps.db,
    request,
    'survey.answer',
    { type: 'survey_campaign', id },
    { districtCodes: campaign.districtCodes },
  );
  if (takesAnswers(campaign, today)) return campaign;
  await sendRefusal(deps, request, reply, 'closed', campaign);
  return null;
}

/** The response a page names and its campaign: 404 (audited) when out of the caller's reach. */
export async function authorisedResponse(
  db: Db,
  request: FastifyRequest,
  id: string,
): Promise<{ response: SurveyResponse; campaign: Campaign }> {
  const response = await responseById(db, id);
  const target = response === null ? { districtCodes: [] } : responseTarget(response);
  await authorise(db, request, 'survey.answer', { type: 'survey_response', id }, target);
  const campaign = response === null ? null : await campaignById(db, response.campaignId);
  if (response === null || campaign === null) throw notFound();
  return { response, campaign };
}

/** District code → name in the reader's language. */
export async function districtNamer(db: Db, locale: Locale): Promise<(code: string) => string> {
  const byCode = new Map((await listDistricts(db)).map((d) => [d.code.trim(), d]));
  return (code) => {
    const district = byCode.get(code);
    return district === undefined ? code : locale === 'en' ? district.nameEn : district.nameZh;
  };
}

export const surveysArea = (ctx: PageContext) => ({
  text: shellMessages.for(ctx.locale)('navSurveys'),
  href: '/surveys',
});

export type Refusal = 'closed' | 'notTargeted' | 'submitted';

const refusalStatus: Readonly<Record<Refusal, number>> = { closed: 409, notTargeted: 403, submitted: 409 };

/** Why a campaign or response cannot be answered, as a page of its own with the right status. */
export function sendRefusal(
  deps: Pick<ModuleDeps, 'config' | 'assets'>,
  request: FastifyRequest,
  reply: FastifyReply,
  refusal: Refusal,
  campaign: Campaign,
) {
  const ctx = pageContext(deps.config, deps.assets, request, reply);
  const t = answerMessages.for(ctx.locale);
  const title = t(`${refusal}Title`);
  const body =
    refusal === 'closed'
      ? t('closedBody', {
          start: formatDay(campaign.startsOn, ctx.locale),
          end: formatDay(campaign.endsOn, ctx.locale),
        })
      : t(`${refusal}Body`);
  return sendPage(
    reply,
    <FormPage
      ctx={ctx}
      title={title}
      area={surveysArea(ctx)}
      crumbs={[{ text: inText(ctx.locale, campaign.title) }]}
    >
      <h1 class="fj-heading-l">{title}</h1>
      <p class="fj-body">{body}</p>
      <p class="fj-body">
        <a href="/surveys">{t('backToSurveys')}</a>
      </p>
    </FormPage>,
    refusalStatus[refusal],
  );
}

/**
 * A service error on a page: one of the `refusals` the page expects is sent
 * as that refusal's page; anything else is thrown on.
 */
export function sendRefusalOrThrow(
  deps: Pick<ModuleDeps, 'config' | 'assets'>,
  request: FastifyRequest,
  reply: FastifyReply,
  campaign: Campaign,
  error: unknown,
  refusals: readonly Refusal[],
) {
  const refusal = error instanceof ResponseProblem ? refusals.find((r) => r === error.code) : undefined;
  if (refusal === undefined) throw error;
  return sendRefusal(deps, request, reply, refusal, campaign);
}

/** The campaign's title above a page's heading. */
export const CampaignCaption = ({ locale, campaign }: { locale: Locale; campaign: Campaign }) => (
  <p class="fj-hint fj-survey-caption">{inText(locale, campaign.title)}</p>
);
