import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorise, can, mayEver } from '../../../platform/auth/index.ts';
import {
  DoneQuery,
  HttpError,
  IdParams,
  PageQuery,
  pageContext,
  StrictBody,
  sendPage,
} from '../../../platform/http/index.ts';
import { formatDateTime, formatYuan } from '../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import {
  Button,
  CsrfField,
  doneText,
  ErrorMessage,
  FormPage,
  FreeText,
  FreeTextBlock,
  type PageContext,
  SummaryList,
  shellMessages,
} from '../../../platform/ui/index.ts';
import { beijingDay } from '../../policyCatalogs/index.ts';
import type { NeedTopicSummary } from '../../survey/index.ts';
import { type Challenge, findChallenge } from '../challengeRepo.ts';
import type { ChallengeService } from '../challengeService.ts';
import { isAccepting } from '../domain/challenge.ts';
import { visibilityOf } from '../projectReads.ts';
import { listProjects, type ResearchProject } from '../projectRepo.ts';
import { notFound, organisationTarget } from '../researchActor.ts';
import { challengeStatusText, researchLabels } from './labels.ts';
import { ProjectList, topicsOf } from './lists.tsx';
import { researchMessages } from './messages.ts';
import { challengeHref, dayText, OrganisationName, researchActor, TopicLinks } from './shared.tsx';

const closeProblemId = 'close-problem';

function ChallengePage(props: {
  ctx: PageContext;
  challenge: Challenge;
  projects: readonly ResearchProject[];
  topics: ReadonlyMap<string, NeedTopicSummary>;
  today: string;
  canPropose: boolean;
  canClose: boolean;
  csrf: string;
  done: string | undefined;
  problem: string | undefined;
}) {
  const { ctx, challenge: c } = props;
  const { locale } = ctx;
  const t = researchMessages.for(locale);
  const l = researchLabels.for(locale);
  const shell = shellMessages.for(locale);
  const accepting = isAccepting(c, props.today);
  const signedIn = ctx.user !== null;
  return (
    <FormPage
      ctx={ctx}
      title={c.title}
      area={{ text: shell('navResearch'), href: '/research' }}
      crumbs={[{ text: c.reference }]}
      errors={props.problem === undefined ? undefined : { [closeProblemId]: props.problem }}
      done={props.done}
    >
      <h1 class="fj-heading-l">
        <FreeText locale={locale} text={c.title} />
      </h1>
      {props.problem !== undefined && (
        <div class="fj-form-group fj-form-group--error" id={closeProblemId}>
          <ErrorMessage fieldId={closeProblemId} message={props.problem} prefix={shell('errorPrefix')} />
        </div>
      )}
      <SummaryList
        rows={[
          { key: t('colReference'), value: c.reference },
          {
            key: t('colStatus'),
            value: <strong>{challengeStatusText(l, accepting ? 'open' : 'closed')}</strong>,
          },
          {
            key: t('colPostedBy'),
            value: <OrganisationName locale={locale} zh={c.organisationNameZh} en={c.organisationNameEn} />,
          },
          {
            key: t('colTopics'),
            value: <TopicLinks locale={locale} ids={c.needTopicIds} topics={props.topics} />,
          },
          {
            key: t('colChallengeBudget'),
            value: c.budgetFen === null ? t('budgetNotStated') : formatYuan(c.budgetFen, locale),
          },
          { key: t('colClosesOn'), value: dayText(c.closesOn, locale) },
          { key: t('colPostedAt'), value: formatDateTime(c.createdAt, locale) },
        ]}
      />
      <h2 class="fj-heading-m">{t('descriptionHeading')}</h2>
      <FreeTextBlock locale={locale} text={c.description} />
      {accepting && props.canPropose && (
        <Button href={`/research/projects/new?challenge=${c.id}`}>{t('answerChallenge')}</Button>
      )}
      {accepting && !signedIn && (
        <p class="fj-body">
          <a href={`/login?returnTo=${encodeURIComponent(challengeHref(c.id))}`}>{t('signInToAnswer')}</a>
        </p>
      )}
      <section aria-labelledby="answers-heading">
        <h2 class="fj-heading-m" id="answers-heading">
          {t('answersHeading')}
        </h2>
        <ProjectList
          locale={locale}
          id="answers"
          count={t('shownCount', { count: props.projects.length })}
          projects={props.projects}
          topics={props.topics}
        />
      </section>
      {props.canClose && (
        <section aria-labelledby="close-heading">
          <h2 class="fj-heading-m" id="close-heading">
            {t('closeHeading')}
          </h2>
          <p class="fj-body">{t('closeLead')}</p>
          <form method="post" action={`${challengeHref(c.id)}/close`} novalidate>
            <CsrfField token={props.csrf} />
            <input type="hidden" name="version" value={String(c.version)} />
            <Button variant="warning" preventDoubleClick>
              {t('closeChallenge')}
            </Button>
          </form>
        </section>
      )}
    </FormPage>
  );
}

/** GET /research/challenges/:id (public), POST /research/challenges/:id/close (the posting organisation, or the city). */
export function challengePages(
  app: FastifyInstance,
  deps: ModuleDeps & { challenges: ChallengeService },
): void {
  const { db, config, assets, challenges } = deps;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: { done?: string | undefined; problem?: string; status?: number },
  ) => {
    const c = await findChallenge(db, id);
    if (!c) throw notFound();
    const today = beijingDay(new Date());
    const actor = request.actor;
    const projects = await listProjects(
      db,
      visibilityOf(actor),
      { statuses: null, challengeId: c.id },
      {
        page: 1,
        pageSize: 200,
      },
    );
    const topics = await topicsOf(db, [c, ...projects]);
    const ctx = pageContext(config, assets, request, reply);
    return sendPage(
      reply,
      <ChallengePage
        ctx={ctx}
        challenge={c}
        projects={projects}
        topics={topics}
        today={today}
        canPropose={mayEver(actor, 'project.propose')}
        canClose={c.status === 'open' && can(actor, 'challenge.post', organisationTarget(c.organisationId))}
        csrf={reply.generateCsrf()}
        done={doneText(researchMessages, ctx.locale, state.done)}
        problem={state.problem}
      />,
      state.status ?? 200,
    );
  };

  app.get(
    '/research/challenges/:id',
    { config: { access: 'public' }, schema: { hide: true, params: IdParams, querystring: DoneQuery } },
    async (request, reply) =>
      show(request, reply, (request.params as { id: string }).id, {
        done: (request.query as { done?: string }).done,
      }),
  );

  // A refused close comes back on the close address: the language switch leads back to the challenge.
  app.get(
    '/research/challenges/:id/close',
    {
      config: { access: 'challenge.post' },
      schema: { hide: true, params: IdParams, querystring: PageQuery },
    },
    async (request, reply) => reply.redirect(challengeHref((request.params as { id: string }).id), 303),
  );

  app.post(
    '/research/challenges/:id/close',
    {
      config: { access: 'challenge.post' },
      schema: {
        hide: true,
        params: IdParams,
        body: StrictBody({ version: Type.String({ pattern: '^[0-9]{1,9}$' }) }),
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { version } = request.body as { version: string };
      const found = await findChallenge(db, id);
      // Out of reach answers 404, the denial audited, before anything about the challenge is said.
      await authorise(
        db,
        request,
        'challenge.post',
        { type: 'research_challenge', id },
        found ? organisationTarget(found.organisationId) : {},
      );
      if (!found) throw notFound();
      try {
        await challenges.close(researchActor(request), id, Number(version));
      } catch (error) {
        // Someone closed or changed it meanwhile: the page as it is now, saying so.
        if (error instanceof HttpError && error.statusCode === 409)
          return show(request, reply, id, {
            problem: researchLabels.for(request.locale)('err_staleChallenge'),
            status: 409,
          });
        throw error;
      }
      return reply.redirect(`${challengeHref(id)}?done=closed`, 303);
    },
  );
}
