import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  DoneQuery,
  HttpError,
  PageQuery,
  pageContext,
  StrictBody,
  sendPage,
} from '../../../platform/http/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import {
  doneText,
  ErrorMessage,
  type FieldErrors,
  FormPage,
  FreeText,
  type PageContext,
  shellMessages,
} from '../../../platform/ui/index.ts';
import { commandFields, type GivenCommand, givenCommands, readCommandForm } from '../domain/commands.ts';
import type { Problem } from '../domain/fields.ts';
import { authorisedProject, refuseOutsider } from '../projectReads.ts';
import type { ProjectService } from '../projectService.ts';
import { ResearchProblem } from '../researchActor.ts';
import { CommandForms, fieldId, problemField, type SentForm } from './commandForms.tsx';
import type { FormValues } from './formParts.tsx';
import { researchMessages } from './messages.ts';
import {
  AboutSection,
  MilestonesSection,
  ProjectSummary,
  ResultsSection,
  TimelineSection,
} from './projectSections.tsx';
import { loadProjectView, type ProjectView } from './projectView.ts';
import { problemMessage, projectHref, researchActor } from './shared.tsx';

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** Every field any command form has; each command reads only its own. */
const CommandBody = StrictBody({
  version: Type.String({ pattern: '^[0-9]{1,9}$' }),
  note: text(20_000),
  reason: text(20_000),
  score: text(10),
  opinion: text(20_000),
  decision: text(20),
  source: text(1000),
  amount: text(40),
  title: text(1000),
  dueOn: text(20),
  milestone: text(40),
  summary: text(20_000),
  products: Type.Optional(
    Type.Union([text(40), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 200 })]),
  ),
  patents: text(20_000),
  standards: text(20_000),
});

const CommandParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  command: Type.Union(givenCommands.map((c) => Type.Literal(c))),
});

/** Where an error goes when its form is no longer on the page (the project moved on meanwhile). */
const projectProblemId = 'project-problem';

function ProjectPage(props: {
  ctx: PageContext;
  view: ProjectView;
  csrf: string;
  done: string | undefined;
  sent: SentForm | undefined;
  errors: FieldErrors;
}) {
  const { ctx, view } = props;
  const { locale } = ctx;
  const t = researchMessages.for(locale);
  const shell = shellMessages.for(locale);
  const projectProblem = props.errors[projectProblemId];
  const insider = view.parts.length > 0;
  const area = insider
    ? { text: shell('navResearchPool'), href: '/research/manage' }
    : { text: shell('navResearch'), href: '/research' };
  return (
    <FormPage
      ctx={ctx}
      title={view.project.title}
      area={area}
      crumbs={[{ text: view.project.reference }]}
      errors={props.errors}
      done={props.done}
    >
      <h1 class="fj-heading-l">
        <FreeText locale={locale} text={view.project.title} />
      </h1>
      {projectProblem !== undefined && (
        <div class="fj-form-group fj-form-group--error" id={projectProblemId}>
          <ErrorMessage fieldId={projectProblemId} message={projectProblem} prefix={shell('errorPrefix')} />
        </div>
      )}
      {view.commands.length > 0 && (
        <p class="fj-body">
          <a href="#commands-heading">{t('jumpToCommands')}</a>
        </p>
      )}
      <ProjectSummary locale={locale} view={view} />
      <AboutSection locale={locale} view={view} />
      <ResultsSection locale={locale} view={view} />
      <MilestonesSection locale={locale} view={view} />
      <TimelineSection locale={locale} view={view} />
      <CommandForms locale={locale} view={view} csrf={props.csrf} sent={props.sent} errors={props.errors} />
    </FormPage>
  );
}

/** GET /research/projects/:id for everyone who may see it; POST /research/projects/:id/commands/:command, one command. */
export function projectPages(app: FastifyInstance, deps: ModuleDeps & { projects: ProjectService }): void {
  const { db, config, assets, projects } = deps;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: { done?: string | undefined; sent?: SentForm; problems?: readonly Problem[]; status?: number },
  ) => {
    const view = await loadProjectView(db, await authorisedProject(db, request, id));
    const ctx = pageContext(config, assets, request, reply);
    const sent = state.sent;
    const shownHere = sent !== undefined && view.commands.includes(sent.command);
    const errors: FieldErrors = Object.fromEntries(
      (state.problems ?? []).map((p) => {
        if (!shownHere || sent === undefined) return [projectProblemId, problemMessage(ctx.locale, p)];
        const field = commandFields[sent.command].includes(p.field) ? p.field : problemField;
        return [fieldId(sent.command, field), problemMessage(ctx.locale, p, sent.command)];
      }),
    );
    return sendPage(
      reply,
      <ProjectPage
        ctx={ctx}
        view={view}
        csrf={reply.generateCsrf()}
        done={doneText(researchMessages, ctx.locale, state.done)}
        sent={shownHere ? sent : undefined}
        errors={errors}
      />,
      state.status ?? 200,
    );
  };

  app.get(
    '/research/projects/:id',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: DoneQuery,
      },
    },
    async (request, reply) =>
      show(request, reply, (request.params as { id: string }).id, {
        done: (request.query as { done?: string }).done,
      }),
  );

  // A refused command's page has the command's address: the language switch and the settings link lead back here.
  app.get(
    '/research/projects/:id/commands/:command',
    { config: { access: 'signedIn' }, schema: { hide: true, params: CommandParams, querystring: PageQuery } },
    async (request, reply) => reply.redirect(projectHref((request.params as { id: string }).id), 303),
  );

  app.post(
    '/research/projects/:id/commands/:command',
    { config: { access: 'signedIn' }, schema: { hide: true, params: CommandParams, body: CommandBody } },
    async (request, reply) => {
      const { id, command } = request.params as { id: string; command: GivenCommand };
      const { _csrf, version, ...values } = request.body as { _csrf: string; version: string } & FormValues;
      // Out of reach answers 404 (or 403 to an outsider of a public project) before anything about the command is said.
      const found = await authorisedProject(db, request, id);
      if (found.parts.length === 0) await refuseOutsider(db, request, id);
      const sent: SentForm = { command, values };
      const read = readCommandForm(command, values);
      if (read.value === undefined)
        return show(request, reply, id, { sent, problems: read.problems, status: 400 });
      try {
        await projects.act(researchActor(request), id, Number(version), read.value);
      } catch (error) {
        if (error instanceof ResearchProblem)
          return show(request, reply, id, { sent, problems: error.problems, status: 400 });
        // A stale version, or a command the project's status no longer allows: the page as it is now, saying so.
        if (error instanceof HttpError && error.statusCode === 409)
          return show(request, reply, id, {
            sent,
            problems: [{ field: problemField, key: 'stale' }],
            status: 409,
          });
        throw error;
      }
      return reply.redirect(`${projectHref(id)}?done=${command}`, 303);
    },
  );
}
