import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import type { Db } from '../../platform/db/index.ts';
import { ApiError, HttpError, IdParams } from '../../platform/http/index.ts';
import { needTopicsByIds } from '../survey/index.ts';
import { type CommandInput, givenCommands } from './domain/commands.ts';
import { projectCommands, projectParts, projectStatuses, reviewDecisions } from './domain/projectFlow.ts';
import { authorisedProject, refuseOutsider, visibilityOf } from './projectReads.ts';
import { actionsOf, countProjects, listProjects, milestonesOf, type ResearchProject } from './projectRepo.ts';
import type { ProjectService } from './projectService.ts';
import { ResearchProblem } from './researchActor.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 429: ApiError };
// An enum, not a union of literals: TypeBox infers a union built from an array as never.
const literals = <T extends string>(values: readonly T[]) => Type.Enum([...values]);
const Fen = (description: string) =>
  Type.Integer({ minimum: 0, description: `${description}, in fen (1/100 yuan)` });
const Status = literals(projectStatuses);
const Day = Type.String({ format: 'date' });
const pageSize = 50;

const ProjectSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  reference: Type.String({ description: 'KY-<year>-<serial>' }),
  title: Type.String(),
  status: Status,
  version: Type.Integer({ description: 'Give it back with a command: a stale version is refused (409)' }),
  organisation: Type.Object({
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    nameEn: Type.String(),
  }),
  needTopics: Type.Array(
    Type.Object({ id: Type.String({ format: 'uuid' }), title: Type.String(), titleEn: Type.String() }),
  ),
  challengeId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
    description: 'The enterprise challenge the project answers',
  }),
  trlNow: Type.Integer({ minimum: 1, maximum: 9, description: 'Technology readiness level now' }),
  trlTarget: Type.Integer({ minimum: 1, maximum: 9, description: 'Technology readiness level at the end' }),
  budgetFen: Fen('Budget asked for'),
  startsOn: Day,
  endsOn: Day,
  funding: Type.Union([Type.Object({ source: Type.String(), amountFen: Fen('Amount funded') }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

const ProjectDetail = Type.Object({
  ...ProjectSummary.properties,
  summary: Type.String(),
  team: Type.String(),
  expectedResults: Type.String(),
  results: Type.Union([
    Type.Object({
      productIds: Type.Array(Type.String({ format: 'uuid' }), { description: 'Published catalog products' }),
      patents: Type.Union([Type.String(), Type.Null()]),
      standards: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
  milestones: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      title: Type.String(),
      dueOn: Day,
      doneOn: Type.Union([Day, Type.Null()]),
    }),
  ),
  timeline: Type.Array(
    Type.Object({
      command: literals(projectCommands),
      statusAfter: Status,
      part: Type.Union([literals(projectParts), Type.Null()]),
      at: Type.String({ format: 'date-time' }),
      note: Type.Union([Type.String(), Type.Null()], {
        description: 'Notes, opinions and reasons: for the team and the city only (null for others)',
      }),
    }),
  ),
  allowedCommands: Type.Array(literals(projectCommands), { description: 'What the caller may do now' }),
});

const Text = Type.String({ maxLength: 4000 });
const ActionBody = Type.Object(
  {
    command: literals(givenCommands),
    version: Type.Integer({ minimum: 1 }),
    note: Type.Optional(Text),
    reason: Type.Optional(Text),
    score: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    opinion: Type.Optional(Text),
    decision: Type.Optional(literals(reviewDecisions)),
    source: Type.Optional(Type.String({ maxLength: 200 })),
    amountFen: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 })),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    dueOn: Type.Optional(Day),
    milestoneId: Type.Optional(Type.String({ format: 'uuid' })),
    summary: Type.Optional(Text),
    productIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50 })),
    patents: Type.Optional(Text),
    standards: Type.Optional(Text),
  },
  { additionalProperties: false, description: 'A command and the fields it needs' },
);
type ActionBodyType = Static<typeof ActionBody>;

/** The API body as the service's command; a field the command needs and the body lacks is a 400. */
export function commandFromBody(body: ActionBodyType): CommandInput {
  const need = <T>(value: T | undefined, field: string): T => {
    if (value === undefined) throw new ResearchProblem([{ field, key: 'required' }]);
    return value;
  };
  const { command } = body;
  switch (command) {
    case 'pass_screening':
      return { command, note: body.note ?? '' };
    case 'not_accept':
    case 'stop':
      return { command, reason: need(body.reason, 'reason') };
    case 'withdraw':
      return { command, reason: body.reason ?? '' };
    case 'record_review':
      return {
        command,
        score: need(body.score, 'score'),
        opinion: need(body.opinion, 'opinion'),
        decision: need(body.decision, 'decision'),
      };
    case 'fund':
      return {
        command,
        source: need(body.source, 'source'),
        amountFen: need(body.amountFen, 'amountFen'),
      };
    case 'start':
      return { command };
    case 'add_milestone':
      return { command, title: need(body.title, 'title'), dueOn: need(body.dueOn, 'dueOn') };
    case 'complete_milestone':
      return {
        command,
        milestoneId: need(body.milestoneId, 'milestoneId'),
        note: body.note ?? '',
      };
    case 'complete':
      return {
        command,
        summary: need(body.summary, 'summary'),
        productIds: body.productIds ?? [],
        patents: body.patents ?? '',
        standards: body.standards ?? '',
      };
  }
}

/** A service's refusal as the API's 400: the first problem names the field and what is wrong with it. */
function problemAsHttp(error: unknown): never {
  if (error instanceof ResearchProblem) {
    const [first] = error.problems;
    throw new HttpError(400, `invalid_${first?.field ?? 'body'}`, `${first?.field}: ${first?.key}`);
  }
  throw error;
}

async function summaries(db: Db, projects: readonly ResearchProject[]) {
  const topics = new Map(
    (await needTopicsByIds(db, [...new Set(projects.flatMap((p) => p.needTopicIds))])).map((t) => [t.id, t]),
  );
  return projects.map((p) => ({
    id: p.id,
    reference: p.reference,
    title: p.title,
    status: p.status,
    version: p.version,
    organisation: { id: p.organisationId, name: p.organisationNameZh, nameEn: p.organisationNameEn },
    needTopics: p.needTopicIds.flatMap((id) => {
      const topic = topics.get(id);
      return topic === undefined ? [] : [{ id, title: topic.title.zh, titleEn: topic.title.en }];
    }),
    challengeId: p.challengeId,
    trlNow: p.trlNow,
    trlTarget: p.trlTarget,
    budgetFen: p.budgetFen,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    funding: p.fundedFen === null ? null : { source: p.fundingSource ?? '', amountFen: p.fundedFen },
    createdAt: p.createdAt.toISOString(),
  }));
}

/** `/api/v1/research/projects`: the reserve pool for everyone; a team's own and the city's whole list besides. */
export function researchApi(app: FastifyInstance, deps: { db: Db; projects: ProjectService }): void {
  const { db, projects } = deps;

  const detail = async (request: FastifyRequest, id: string) => {
    const found = await authorisedProject(db, request, id);
    const p = found.project;
    const [[base], actions, milestones] = [
      await summaries(db, [p]),
      await actionsOf(db, id),
      await milestonesOf(db, id),
    ];
    const insider = found.parts.length > 0;
    return {
      ...(base as Awaited<ReturnType<typeof summaries>>[number]),
      summary: p.summary,
      team: p.team,
      expectedResults: p.expectedResults,
      results:
        p.status === 'completed'
          ? { productIds: [...p.resultProductIds], patents: p.resultPatents, standards: p.resultStandards }
          : null,
      milestones: milestones.map((m) => ({ id: m.id, title: m.title, dueOn: m.dueOn, doneOn: m.doneOn })),
      timeline: actions.map((a) => ({
        command: a.command,
        statusAfter: a.statusAfter,
        part: a.part,
        at: a.at.toISOString(),
        note: insider ? a.note : null,
      })),
      allowedCommands: found.commands,
    };
  };

  app.get(
    '/api/v1/research/projects',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'Research projects: the reserve pool (reserved, funded, in progress, completed) for everyone; the caller’s own organisation’s in every status; all for the city',
        tags: ['research'],
        querystring: Type.Object(
          {
            status: Type.Optional(Status),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(ProjectSummary),
            total: Type.Integer({ description: 'How many the caller sees with this filter' }),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { status, page = 1 } = request.query as {
        status?: (typeof projectStatuses)[number];
        page?: number;
      };
      const visibility = visibilityOf(request.actor);
      const [found, counts] = [
        await listProjects(db, visibility, { statuses: status ? [status] : null }, { page, pageSize }),
        await countProjects(db, visibility, {}),
      ];
      const total = status ? (counts[status] ?? 0) : Object.values(counts).reduce((sum, n) => sum + n, 0);
      return { items: await summaries(db, found), total, page, pageSize };
    },
  );

  app.get(
    '/api/v1/research/projects/:id',
    {
      config: { access: 'public' },
      schema: {
        summary: 'One research project with its milestones, history and the commands the caller may give',
        tags: ['research'],
        params: IdParams,
        response: { 200: ProjectDetail, ...errors },
      },
    },
    async (request) => detail(request, (request.params as { id: string }).id),
  );

  app.post(
    '/api/v1/research/projects/:id/actions',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'Give a command to a research project (the version read must still be current)',
        tags: ['research'],
        params: IdParams,
        body: ActionBody,
        response: { 200: ProjectDetail, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const body = request.body as ActionBodyType;
      // Out of reach answers 404 (or 403 to an outsider of a public project) before anything about the command is said.
      const found = await authorisedProject(db, request, id);
      if (found.parts.length === 0) await refuseOutsider(db, request, id);
      const actor = request.actor;
      if (actor.kind !== 'user') throw new HttpError(401, 'unauthorized', 'sign in first');
      try {
        await projects.act({ actor, sourceAddress: request.ip }, id, body.version, commandFromBody(body));
      } catch (error) {
        problemAsHttp(error);
      }
      return detail(request, id);
    },
  );
}
