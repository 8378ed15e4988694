import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { can, reach, signedIn } from '../../../../platform/auth/index.ts';
import { PageQuery, pageContext, StrictBody, sendPage } from '../../../../platform/http/index.ts';
import { formatDateTime, formatDay } from '../../../../platform/i18n/index.ts';
import { disabilityCategories } from '../../../../platform/ids/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  CsrfField,
  FormPage,
  type PageContext,
  SummaryList,
  shellMessages,
  TextInput,
} from '../../../../platform/ui/index.ts';
import {
  findPersonByResidentId,
  type PersonFacts,
  personFacts,
  personOfUser,
} from '../../../people/index.ts';
import { type Campaign, takesAnswers } from '../../campaignRepo.ts';
import { categoryTargeted, readDemographics } from '../../domain/answerForm.ts';
import { ageGroupOn, type Demographics } from '../../domain/demographics.ts';
import { responseOfRespondent, type UnfinishedInterview, unfinishedInterviews } from '../../responseRepo.ts';
import type { ResponseService } from '../../responseService.ts';
import {
  categoriesFor,
  DemographicsFields,
  type DemographicsValues,
  demographicsErrors,
} from './demographicsFields.tsx';
import { answerMessages } from './messages.ts';
import {
  answerableCampaign,
  CampaignCaption,
  CampaignParams,
  campaignForWorker,
  districtNamer,
  responseActor,
  sendRefusal,
  sendRefusalOrThrow,
  surveysArea,
} from './shared.tsx';
import { ageGroupText, categoryText, inText } from './words.ts';

type Deps = ModuleDeps & { readonly responses: ResponseService };

const demographicsBody = {
  district: Type.Optional(Type.String({ maxLength: 6 })),
  ageGroup: Type.Optional(Type.String({ maxLength: 10 })),
  category: Type.Optional(Type.String({ maxLength: 2 })),
};

/** A registered person's demographics, from their record: the district they are served in, their age today, their certificate. */
const registryDemographics = (person: PersonFacts, today: string): Demographics => ({
  districtCode: person.districtCode,
  ageGroup: ageGroupOn(person.birthDate, today),
  disabilityCategory:
    person.certificate === null ? 0 : disabilityCategories.indexOf(person.certificate.category) + 1,
});

const targets = (campaign: Campaign, who: Demographics): boolean =>
  campaign.districtCodes.includes(who.districtCode) &&
  categoryTargeted(campaign.disabilityCategories, who.disabilityCategory);

interface StartProps {
  readonly ctx: PageContext;
  readonly campaign: Campaign;
  readonly who: Demographics | null;
  readonly districts: readonly { code: string; name: string }[];
  readonly districtName: (code: string) => string;
  readonly values: DemographicsValues;
  readonly errors: Readonly<Record<string, string>>;
  readonly csrf: string;
}

/** A resident's start: what the survey is, what is recorded about them, and one button. */
function StartPage({ ctx, campaign, who, districts, districtName, values, errors, csrf }: StartProps) {
  const { locale } = ctx;
  const t = answerMessages.for(locale);
  const shell = shellMessages.for(locale);
  const title = inText(locale, campaign.title);
  return (
    <FormPage ctx={ctx} title={title} area={surveysArea(ctx)} crumbs={[{ text: title }]} errors={errors}>
      <h1 class="fj-heading-l">{title}</h1>
      <p class="fj-body">{inText(locale, campaign.questionnaire.intro)}</p>
      <p class="fj-body">
        {t('period', {
          start: formatDay(campaign.startsOn, locale),
          end: formatDay(campaign.endsOn, locale),
        })}
      </p>
      <form method="post" action={`/surveys/${campaign.id}/respond`} novalidate>
        <CsrfField token={csrf} />
        <p class="fj-body">{t('startLead')}</p>
        {who === null ? (
          <>
            <p class="fj-body">{t('startNoRecord')}</p>
            <DemographicsFields
              locale={locale}
              districts={districts}
              categories={categoriesFor(campaign.disabilityCategories)}
              values={values}
              errors={errors}
              errorPrefix={shell('errorPrefix')}
              showDistrictHint={false}
            />
          </>
        ) : (
          <>
            <SummaryList
              rows={[
                { key: t('fieldDistrict'), value: districtName(who.districtCode) },
                { key: t('fieldAgeGroup'), value: ageGroupText(t, who.ageGroup) },
                { key: t('fieldCategory'), value: categoryText(locale, who.disabilityCategory) },
              ]}
            />
            <p class="fj-body">{t('startFromRecord')}</p>
          </>
        )}
        <Button isStartButton preventDoubleClick>
          {t('startButton')}
        </Button>
      </form>
    </FormPage>
  );
}

interface InterviewProps {
  readonly ctx: PageContext;
  readonly campaign: Campaign;
  readonly districts: readonly { code: string; name: string }[];
  readonly districtName: (code: string) => string;
  readonly unfinished: readonly UnfinishedInterview[];
  readonly values: DemographicsValues;
  readonly errors: Readonly<Record<string, string>>;
  readonly csrf: string;
}

/** A worker starts an interview: a registered person found by ID number, or anonymous with demographics. */
function InterviewPage({
  ctx,
  campaign,
  districts,
  districtName,
  unfinished,
  values,
  errors,
  csrf,
}: InterviewProps) {
  const { locale } = ctx;
  const t = answerMessages.for(locale);
  const shell = shellMessages.for(locale);
  const title = t('interviewTitle');
  const action = `/surveys/${campaign.id}/interview`;
  return (
    <FormPage ctx={ctx} title={title} area={surveysArea(ctx)} crumbs={[{ text: title }]} errors={errors}>
      <CampaignCaption locale={locale} campaign={campaign} />
      <h1 class="fj-heading-l">{title}</h1>
      <p class="fj-body">{t('interviewLead')}</p>
      <h2 class="fj-heading-m">{t('personHeading')}</h2>
      <p class="fj-body">{t('personLead')}</p>
      <form method="post" action={action} novalidate>
        <CsrfField token={csrf} />
        <input type="hidden" name="kind" value="person" />
        {/* The number is never put back in the page: a mistyped one is typed again. */}
        <TextInput
          id="residentId"
          name="residentId"
          label={t('residentIdLabel')}
          labelSize="s"
          hint={t('residentIdHint')}
          error={errors.residentId}
          errorPrefix={shell('errorPrefix')}
          autocomplete="off"
          spellcheck={false}
          width="20"
          maxlength={30}
        />
        <Button preventDoubleClick>{t('startInterview')}</Button>
      </form>
      <h2 class="fj-heading-m">{t('anonymousHeading')}</h2>
      <p class="fj-body">{t('anonymousLead')}</p>
      <form method="post" action={action} novalidate>
        <CsrfField token={csrf} />
        <input type="hidden" name="kind" value="anonymous" />
        <DemographicsFields
          locale={locale}
          districts={districts}
          categories={categoriesFor(campaign.disabilityCategories)}
          values={values}
          errors={errors}
          errorPrefix={shell('errorPrefix')}
          showDistrictHint
        />
        <Button preventDoubleClick>{t('startAnonymous')}</Button>
      </form>
      <h2 class="fj-heading-m">{t('unfinishedHeading')}</h2>
      {unfinished.length === 0 ? (
        <p class="fj-body">{t('unfinishedNone')}</p>
      ) : (
        <ul class="fj-list">
          {unfinished.map((u) => {
            const mode = t(`mode_${u.mode}`);
            const started = formatDateTime(u.startedAt, locale);
            return (
              <li key={u.id}>
                {t('unfinishedItem', {
                  mode,
                  district: districtName(u.who.districtCode),
                  age: ageGroupText(t, u.who.ageGroup),
                  started,
                })}{' '}
                <a href={`/responses/${u.id}`}>
                  {t('resumeInterview')}
                  <span class="fj-visually-hidden"> {t('resumeInterviewHidden', { mode, started })}</span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
      <h2 class="fj-heading-m">{t('otherWays')}</h2>
      <ul class="fj-list">
        <li>
          <a href={`/surveys/${campaign.id}/paper`}>{t('enterPaperLink')}</a>
        </li>
        <li>
          <a href={`/surveys/${campaign.id}/form`}>{t('blankFormLink')}</a>
        </li>
      </ul>
    </FormPage>
  );
}

/** The districts a worker may interview in for this campaign: theirs and the campaign's. */
export function workerDistricts(request: FastifyRequest, campaign: Campaign): string[] {
  const r = reach(signedIn(request), 'survey.answer');
  return campaign.districtCodes.filter((code) => r.all || r.districtCodes.includes(code));
}

/**
 * GET/POST /surveys/:campaignId/respond (a resident, for themselves) and
 * /surveys/:campaignId/interview (a community worker, for someone else).
 */
export function startPages(app: FastifyInstance, deps: Deps): void {
  const { db, config, assets, keyring, responses } = deps;

  /** The resident's own response if any, their record (or null) and their demographics from it. */
  const residentOf = async (request: FastifyRequest, campaign: Campaign) => {
    const actor = signedIn(request);
    const person = await personOfUser(db, actor.userId);
    const existing = await responseOfRespondent(db, campaign.id, {
      userId: actor.userId,
      personId: person?.id ?? null,
    });
    return {
      person,
      existing,
      who: person === null ? null : registryDemographics(person, responses.today()),
    };
  };

  const showStart = async (
    request: FastifyRequest,
    reply: FastifyReply,
    campaign: Campaign,
    who: Demographics | null,
    values: DemographicsValues,
    errors: Record<string, string>,
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const name = await districtNamer(db, ctx.locale);
    return sendPage(
      reply,
      <StartPage
        ctx={ctx}
        campaign={campaign}
        who={who}
        districts={campaign.districtCodes.map((code) => ({ code, name: name(code) }))}
        districtName={name}
        values={values}
        errors={errors}
        csrf={reply.generateCsrf()}
      />,
      status,
    );
  };

  app.get(
    '/surveys/:campaignId/respond',
    {
      config: { access: 'survey.answer' },
      schema: { hide: true, params: CampaignParams, querystring: PageQuery },
    },
    async (request, reply) => {
      const { campaignId } = request.params as { campaignId: string };
      const campaign = await answerableCampaign(db, campaignId);
      if (signedIn(request).userKind !== 'resident')
        return reply.redirect(`/surveys/${campaignId}/interview`, 303);
      const { existing, who } = await residentOf(request, campaign);
      if (existing !== null)
        return reply.redirect(
          existing.status === 'submitted' ? `/responses/${existing.id}/done` : `/responses/${existing.id}`,
          303,
        );
      if (!takesAnswers(campaign, responses.today()))
        return sendRefusal(deps, request, reply, 'closed', campaign);
      if (who !== null && !targets(campaign, who))
        return sendRefusal(deps, request, reply, 'notTargeted', campaign);
      return showStart(request, reply, campaign, who, {}, {});
    },
  );

  app.post(
    '/surveys/:campaignId/respond',
    {
      config: { access: 'survey.answer' },
      schema: { hide: true, params: CampaignParams, body: StrictBody(demographicsBody) },
    },
    async (request, reply) => {
      const { campaignId } = request.params as { campaignId: string };
      const campaign = await answerableCampaign(db, campaignId);
      if (signedIn(request).userKind !== 'resident') return reply.callNotFound();
      const { person, existing, who } = await residentOf(request, campaign);
      if (existing !== null) return reply.redirect(`/responses/${existing.id}`, 303);
      let demographics = who;
      if (demographics === null) {
        const body = request.body as DemographicsValues;
        const read = readDemographics(body, {
          districtCodes: campaign.districtCodes,
          categories: campaign.disabilityCategories,
        });
        if (read.demographics === undefined)
          return showStart(
            request,
            reply,
            campaign,
            null,
            body,
            demographicsErrors(request.locale, read.problems),
            400,
          );
        demographics = read.demographics;
      }
      try {
        const started = await responses.startOwn(
          responseActor(request),
          campaign,
          demographics,
          person?.id ?? null,
        );
        return reply.redirect(`/responses/${started.response.id}`, 303);
      } catch (error) {
        return sendRefusalOrThrow(deps, request, reply, campaign, error, ['closed', 'notTargeted']);
      }
    },
  );

  const showInterview = async (
    request: FastifyRequest,
    reply: FastifyReply,
    campaign: Campaign,
    values: DemographicsValues,
    errors: Record<string, string>,
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const [name, unfinished] = await Promise.all([
      districtNamer(db, ctx.locale),
      unfinishedInterviews(db, campaign.id, signedIn(request).userId),
    ]);
    return sendPage(
      reply,
      <InterviewPage
        ctx={ctx}
        campaign={campaign}
        districts={workerDistricts(request, campaign).map((code) => ({ code, name: name(code) }))}
        districtName={name}
        unfinished={unfinished}
        values={values}
        errors={errors}
        csrf={reply.generateCsrf()}
      />,
      status,
    );
  };

  /** The campaign for a worker who may interview in it today; residents are sent to their own start. */
  const interviewCampaign = async (request: FastifyRequest, reply: FastifyReply) => {
    const { campaignId } = request.params as { campaignId: string };
    if (signedIn(request).userKind === 'resident') {
      await reply.redirect(`/surveys/${campaignId}/respond`, 303);
      return null;
    }
    return campaignForWorker(deps, request, reply, campaignId, responses.today());
  };

  app.get(
    '/surveys/:campaignId/interview',
    {
      config: { access: 'survey.answer' },
      schema: { hide: true, params: CampaignParams, querystring: PageQuery },
    },
    async (request, reply) => {
      const campaign = await interviewCampaign(request, reply);
      if (campaign === null) return reply;
      return showInterview(request, reply, campaign, {}, {});
    },
  );

  app.post(
    '/surveys/:campaignId/interview',
    {
      config: { access: 'survey.answer' },
      schema: {
        hide: true,
        params: CampaignParams,
        body: StrictBody({
          kind: Type.Union([Type.Literal('person'), Type.Literal('anonymous')]),
          residentId: Type.Optional(Type.String({ maxLength: 30 })),
          ...demographicsBody,
        }),
      },
    },
    async (request, reply) => {
      const campaign = await interviewCampaign(request, reply);
      if (campaign === null) return reply;
      const body = request.body as DemographicsValues & { kind: 'person' | 'anonymous'; residentId?: string };
      const t = answerMessages.for(request.locale);
      const by = responseActor(request);
      const refuse = (errors: Record<string, string>, values: DemographicsValues = {}) =>
        showInterview(request, reply, campaign, values, errors, 400);
      try {
        if (body.kind === 'anonymous') {
          const read = readDemographics(body, {
            districtCodes: workerDistricts(request, campaign),
            categories: campaign.disabilityCategories,
          });
          if (read.demographics === undefined)
            return refuse(demographicsErrors(request.locale, read.problems), body);
          const response = await responses.startAnonymous(by, campaign, read.demographics);
          return reply.redirect(`/responses/${response.id}`, 303);
        }
        const typed = body.residentId?.trim() ?? '';
        if (typed === '') return refuse({ residentId: t('err_residentIdRequired') });
        const found = await findPersonByResidentId(db, keyring, typed);
        if (found === 'invalid') return refuse({ residentId: t('err_residentIdInvalid') });
        // Someone outside the worker's districts is answered as not found: the form confirms nobody's registration.
        if (found === null || !can(by.actor, 'survey.answer', { districtCodes: [found.districtCode] }))
          return refuse({ residentId: t('err_personNotFound') });
        const person = await personFacts(db, found.id);
        if (person === null) return refuse({ residentId: t('err_personNotFound') });
        const who = registryDemographics(person, responses.today());
        if (!targets(campaign, who)) return refuse({ residentId: t('err_personNotTargeted') });
        const existing = await responseOfRespondent(db, campaign.id, {
          userId: person.userId,
          personId: person.id,
        });
        if (existing?.status === 'submitted') return refuse({ residentId: t('err_personSubmitted') });
        if (existing !== null) return reply.redirect(`/responses/${existing.id}`, 303);
        const started = await responses.startProxy(by, campaign, person, who);
        if (started.response.status === 'submitted') return refuse({ residentId: t('err_personSubmitted') });
        return reply.redirect(`/responses/${started.response.id}`, 303);
      } catch (error) {
        return sendRefusalOrThrow(deps, request, reply, campaign, error, ['closed', 'notTargeted']);
      }
    },
  );
}
