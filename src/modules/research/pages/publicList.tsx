import type { FastifyInstance } from 'fastify';
import { mayEver } from '../../../platform/auth/index.ts';
import { pageContext, sendPage } from '../../../platform/http/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import { FormPage, type PageContext, shellMessages } from '../../../platform/ui/index.ts';
import { beijingDay } from '../../policyCatalogs/index.ts';
import type { NeedTopicSummary } from '../../survey/index.ts';
import { type Challenge, listChallenges } from '../challengeRepo.ts';
import { type ProjectStatus, type PublicStatus, publicStatuses } from '../domain/projectFlow.ts';
import { countProjects, listProjects, type ResearchProject } from '../projectRepo.ts';
import { researchLabels, statusText } from './labels.ts';
import { ChallengeList, ProjectList, ProjectPages, projectPageSize, topicsOf } from './lists.tsx';
import { researchMessages } from './messages.ts';
import { StartButtons, StatusCounts, statusPageHref, statusQuery } from './poolParts.tsx';

const PublicQuery = statusQuery(publicStatuses);

function ResearchHome(props: {
  ctx: PageContext;
  challenges: readonly Challenge[];
  projects: readonly ResearchProject[];
  counts: Partial<Record<ProjectStatus, number>>;
  status: PublicStatus | null;
  page: number;
  topics: ReadonlyMap<string, NeedTopicSummary>;
  canPost: boolean;
  canPropose: boolean;
}) {
  const { ctx, counts, status } = props;
  const { locale } = ctx;
  const t = researchMessages.for(locale);
  const l = researchLabels.for(locale);
  const title = shellMessages.for(locale)('navResearch');
  const total = publicStatuses.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  const shown = status === null ? total : (counts[status] ?? 0);
  return (
    <FormPage ctx={ctx} title={title} crumbs={[{ text: title }]}>
      <h1 class="fj-heading-l">{title}</h1>
      <p class="fj-lead">{t('homeLead')}</p>
      <StartButtons locale={locale} canPost={props.canPost} canPropose={props.canPropose} />
      <section aria-labelledby="challenges-heading">
        <h2 class="fj-heading-m" id="challenges-heading">
          {t('openChallengesHeading')}
        </h2>
        <p class="fj-body">{t('openChallengesLead')}</p>
        {props.challenges.length === 0 ? (
          <p class="fj-body">{t('noOpenChallenges')}</p>
        ) : (
          <ChallengeList
            locale={locale}
            id="open-challenges"
            challenges={props.challenges}
            topics={props.topics}
          />
        )}
      </section>
      <section aria-labelledby="pool-heading">
        <h2 class="fj-heading-m" id="pool-heading">
          {t('poolHeading')}
        </h2>
        <p class="fj-body">{t('poolLead')}</p>
        <StatusCounts
          locale={locale}
          statuses={publicStatuses}
          rows={publicStatuses}
          counts={counts}
          total={total}
          totalLabel={t('totalPublic')}
          status={status}
          action="/research"
          clearHref="/research#pool-heading"
        />
        <ProjectList
          locale={locale}
          id="pool"
          count={
            status === null
              ? t('shownCount', { count: shown })
              : t('shownCountOf', { status: statusText(l, status), count: shown })
          }
          projects={props.projects}
          topics={props.topics}
        />
        <ProjectPages
          locale={locale}
          label={t('poolPagination')}
          page={props.page}
          total={shown}
          hrefForPage={(page) => statusPageHref('/research', status, page, '#pool-heading')}
        />
      </section>
    </FormPage>
  );
}

/** GET /research: open enterprise challenges and the public reserve pool, for everyone. */
export function publicListPage(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;
  app.get(
    '/research',
    {
      config: { access: 'public', languageKeepsQuery: true },
      schema: { hide: true, querystring: PublicQuery },
    },
    async (request, reply) => {
      const query = request.query as { status?: PublicStatus | ''; page?: number };
      const status = query.status === undefined || query.status === '' ? null : query.status;
      const page = query.page ?? 1;
      const today = beijingDay(new Date());
      // The public list is the pool as everyone sees it, whoever is signed in: their own work is under /research/manage.
      const visibility = { all: false, organisationIds: [], publicStatuses };
      const [challenges, projects, counts] = await Promise.all([
        listChallenges(db, { acceptingOn: today }),
        listProjects(
          db,
          visibility,
          { statuses: status === null ? publicStatuses : [status] },
          {
            page,
            pageSize: projectPageSize,
          },
        ),
        countProjects(db, visibility, {}),
      ]);
      const topics = await topicsOf(db, [...challenges, ...projects]);
      const actor = request.actor;
      return sendPage(
        reply,
        <ResearchHome
          ctx={pageContext(config, assets, request, reply)}
          challenges={challenges}
          projects={projects}
          counts={counts}
          status={status}
          page={page}
          topics={topics}
          canPost={mayEver(actor, 'challenge.post')}
          canPropose={mayEver(actor, 'project.propose')}
        />,
      );
    },
  );
}
