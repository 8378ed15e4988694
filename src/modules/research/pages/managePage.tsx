import type { FastifyInstance } from 'fastify';
import { mayEver, reach, signedIn } from '../../../platform/auth/index.ts';
import { pageContext, sendPage } from '../../../platform/http/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import { FormPage, type PageContext, shellMessages } from '../../../platform/ui/index.ts';
import { beijingDay } from '../../policyCatalogs/index.ts';
import type { NeedTopicSummary } from '../../survey/index.ts';
import { type Challenge, listChallenges } from '../challengeRepo.ts';
import { type ProjectStatus, projectStatuses } from '../domain/projectFlow.ts';
import { visibilityOf } from '../projectReads.ts';
import { countProjects, listProjects, type ProjectFilter, type ResearchProject } from '../projectRepo.ts';
import { researchLabels, statusText } from './labels.ts';
import { ChallengeTable, ProjectPages, ProjectTable, projectPageSize, topicsOf } from './lists.tsx';
import { researchMessages } from './messages.ts';
import { StartButtons, StatusCounts, statusPageHref, statusQuery } from './poolParts.tsx';

const ManageQuery = statusQuery(projectStatuses);

function ManagePage(props: {
  ctx: PageContext;
  city: boolean;
  projects: readonly ResearchProject[];
  counts: Partial<Record<ProjectStatus, number>>;
  challenges: readonly Challenge[];
  status: ProjectStatus | null;
  page: number;
  topics: ReadonlyMap<string, NeedTopicSummary>;
  today: string;
  canPost: boolean;
  canPropose: boolean;
}) {
  const { ctx, counts, status } = props;
  const { locale } = ctx;
  const t = researchMessages.for(locale);
  const l = researchLabels.for(locale);
  const title = shellMessages.for(locale)('navResearchPool');
  const total = projectStatuses.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  const shown = status === null ? total : (counts[status] ?? 0);
  const present = projectStatuses.filter((s) => (counts[s] ?? 0) > 0);
  return (
    <FormPage ctx={ctx} title={title} area={{ text: title, href: '/research/manage' }} crumbs={[]}>
      <h1 class="fj-heading-l">{title}</h1>
      <p class="fj-body">{props.city ? t('manageLeadCity') : t('manageLeadTeam')}</p>
      <StartButtons locale={locale} canPost={props.canPost} canPropose={props.canPropose} />
      <section aria-labelledby="projects-heading">
        <h2 class="fj-heading-m" id="projects-heading">
          {props.city ? t('allProjectsHeading') : t('ownProjectsHeading')}
        </h2>
        <StatusCounts
          locale={locale}
          statuses={projectStatuses}
          rows={present}
          counts={counts}
          total={total}
          totalLabel={t('totalProjects')}
          status={status}
          action="/research/manage"
          clearHref="/research/manage"
        />
        <ProjectTable
          locale={locale}
          id="projects"
          caption={
            status === null ? t('projectsCaption') : t('projectsCaptionOf', { status: statusText(l, status) })
          }
          count={t('shownCount', { count: shown })}
          projects={props.projects}
          topics={props.topics}
        />
        <ProjectPages
          locale={locale}
          label={t('projectsPagination')}
          page={props.page}
          total={shown}
          hrefForPage={(page) => statusPageHref('/research/manage', status, page)}
        />
      </section>
      {(props.city || props.canPost) && (
        <section aria-labelledby="own-challenges-heading">
          <h2 class="fj-heading-m" id="own-challenges-heading">
            {props.city ? t('allChallengesHeading') : t('ownChallengesHeading')}
          </h2>
          {props.challenges.length === 0 ? (
            <p class="fj-body">{t('noChallenges')}</p>
          ) : (
            <ChallengeTable
              locale={locale}
              id="challenges"
              caption={t('challengesCaption', { count: props.challenges.length })}
              challenges={props.challenges}
              topics={props.topics}
              today={props.today}
            />
          )}
        </section>
      )}
    </FormPage>
  );
}

/**
 * GET /research/manage: the city's work queue over every project, by status;
 * for a team, its organisation's projects and challenges in every status.
 */
export function managePage(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;
  app.get(
    '/research/manage',
    {
      config: { access: 'signedIn', languageKeepsQuery: true },
      schema: { hide: true, querystring: ManageQuery },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const visibility = visibilityOf(actor);
      const canPost = mayEver(actor, 'challenge.post');
      const canPropose = mayEver(actor, 'project.propose');
      // The area is for those who work on the pool; a signed-in resident is sent to the public list.
      if (!visibility.all && visibility.organisationIds.length === 0 && !canPost && !canPropose)
        return reply.redirect('/research', 303);
      const query = request.query as { status?: ProjectStatus | ''; page?: number };
      const status = query.status === undefined || query.status === '' ? null : query.status;
      const page = query.page ?? 1;
      const today = beijingDay(new Date());
      // A team sees its own organisations' projects here, not the public pool of others.
      const own: Omit<ProjectFilter, 'statuses'> = visibility.all
        ? {}
        : { organisationIds: visibility.organisationIds };
      const posting = reach(actor, 'challenge.post');
      const [projects, counts, challenges] = await Promise.all([
        listProjects(
          db,
          visibility,
          { ...own, statuses: status === null ? null : [status] },
          {
            page,
            pageSize: projectPageSize,
          },
        ),
        countProjects(db, visibility, own),
        listChallenges(db, {
          acceptingOn: null,
          ...(posting.all ? {} : { organisationIds: posting.organisationIds }),
        }),
      ]);
      const topics = await topicsOf(db, [...projects, ...challenges]);
      return sendPage(
        reply,
        <ManagePage
          ctx={pageContext(config, assets, request, reply)}
          city={visibility.all}
          projects={projects}
          counts={counts}
          challenges={challenges}
          status={status}
          page={page}
          topics={topics}
          today={today}
          canPost={canPost}
          canPropose={canPropose}
        />,
      );
    },
  );
}
