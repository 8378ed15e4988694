import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { signedIn } from '../../platform/auth/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { ApiError, HttpError, IdParams } from '../../platform/http/index.ts';
import { personLabels, personOfUser } from '../people/index.ts';
import { beijingDay } from '../policyCatalogs/index.ts';
import { authorisedCase, caseScopeOf, recordCaseRead } from './caseReads.ts';
import { actionsOf, caseSorts, countCases, type FittingCase, listCases } from './caseRepo.ts';
import {
  type CaseActor,
  CaseProblem,
  type CaseService,
  type CommandInput,
  usePlaces,
} from './caseService.ts';
import { functionAreas } from './domain/assessment.ts';
import { caseCommands, caseStatuses } from './domain/caseFlow.ts';
import type { RuleId } from './domain/eligibility.ts';
import {
  followUpMethods,
  followUpProblems,
  latestEligibility,
  prescriptionOf,
  useFrequencies,
} from './stepsRepo.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 429: ApiError };
const Fen = (description: string) =>
  Type.Integer({ minimum: 0, description: `${description}, in fen (1/100 yuan)` });
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Status = literals(caseStatuses);

const CaseSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  reference: Type.String({ description: 'FJ-<policy year>-<serial>' }),
  status: Status,
  version: Type.Integer({ description: 'Give it back with a command: a stale version is refused (409)' }),
  itemCode: Type.String(),
  policyYear: Type.Integer(),
  districtCode: Type.String(),
  applicantGroup: Type.String(),
  person: Type.Object({
    name: Type.String({ description: 'Masked, e.g. 张*明' }),
    residentId: Type.String({ description: 'Masked, e.g. 610113********1234' }),
  }),
  dueOn: Type.Union([Type.String({ format: 'date' }), Type.Null()], {
    description: 'When the current step is due',
  }),
  overdue: Type.Boolean(),
  reservedFen: Fen('Subsidy reserved from the district budget'),
  createdAt: Type.String({ format: 'date-time' }),
});

const CaseDetail = Type.Object({
  ...CaseSummary.properties,
  allowedCommands: Type.Array(literals(caseCommands), { description: 'What the caller may do now' }),
  timeline: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      command: literals(caseCommands),
      statusAfter: Status,
      actorRole: Type.String(),
      at: Type.String({ format: 'date-time' }),
    }),
  ),
  eligibility: Type.Union([
    Type.Object({
      ruleSetVersion: Type.String(),
      eligible: Type.Boolean(),
      results: Type.Array(
        Type.Object({
          rule: Type.String(),
          version: Type.Integer(),
          clause: Type.String(),
          verdict: literals(['met', 'notMet', 'notApplicable'] as const),
        }),
      ),
      overridden: Type.Array(Type.String()),
    }),
    Type.Null(),
  ]),
  prescription: Type.Array(
    Type.Object({
      itemCode: Type.String(),
      productId: Type.String({ format: 'uuid' }),
      quantity: Type.Integer(),
      priceFen: Fen('Unit price'),
      subsidyFen: Fen('Subsidy'),
      productPartFen: Fen('Product part of the subsidy'),
      servicePartFen: Fen('Service part of the subsidy'),
      selfPaidFen: Fen('What the person pays'),
    }),
  ),
});

const ApplyBody = Type.Object(
  {
    personId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'The registry record; omitted by a resident applying for themselves',
      }),
    ),
    itemCode: Type.String({ pattern: '^[0-9]{6,10}$' }),
    usePlaces: Type.Array(literals(usePlaces), { minItems: 1, maxItems: 4 }),
    suppliedByOtherScheme: Type.Boolean(),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    signedBy: literals(['person', 'proxy'] as const),
    proxyGuardianId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

const Text = Type.String({ maxLength: 2000 });
const ActionBody = Type.Object(
  {
    command: literals(caseCommands.filter((c) => c !== 'submit')),
    version: Type.Integer({ minimum: 1 }),
    reason: Type.Optional(Text),
    overrides: Type.Optional(
      Type.Array(
        Type.Object({ rule: Type.String({ maxLength: 40 }), reason: Text }, { additionalProperties: false }),
        {
          maxItems: 10,
        },
      ),
    ),
    usePlaces: Type.Optional(Type.Array(literals(usePlaces), { maxItems: 4 })),
    suppliedByOtherScheme: Type.Optional(Type.Boolean()),
    mode: Type.Optional(literals(['on_site', 'remote'] as const)),
    scheduledOn: Type.Optional(Type.String({ format: 'date' })),
    functionArea: Type.Optional(literals(functionAreas)),
    measurements: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 20 }))),
    findings: Type.Optional(Text),
    recommendedItemCodes: Type.Optional(
      Type.Array(Type.String({ pattern: '^[0-9]{6,10}$' }), { maxItems: 10 }),
    ),
    lines: Type.Optional(
      Type.Array(
        Type.Object(
          {
            itemCode: Type.String({ pattern: '^[0-9]{6,10}$' }),
            productId: Type.String({ format: 'uuid' }),
            quantity: Type.Integer({ minimum: 1, maximum: 20 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 10 },
      ),
    ),
    serialNumber: Type.Optional(Type.String({ maxLength: 64 })),
    notes: Type.Optional(Text),
    signedBy: Type.Optional(literals(['person', 'proxy'] as const)),
    method: Type.Optional(literals(followUpMethods)),
    inUse: Type.Optional(Type.Boolean()),
    useFrequency: Type.Optional(literals(useFrequencies)),
    productSatisfaction: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    serviceSatisfaction: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    problems: Type.Optional(Type.Array(literals(followUpProblems), { maxItems: 4 })),
    repairNeeded: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, description: 'A command and the fields it needs' },
);
type ActionBodyType = import('typebox').Static<typeof ActionBody>;

const missing = (field: string) => new CaseProblem(field, 'required');

/** The API body as the service's command; a field the command needs and the body lacks is a 400. */
export function commandFromBody(body: ActionBodyType): CommandInput {
  const need = <T>(value: T | undefined, field: string): T => {
    if (value === undefined) throw missing(field);
    return value;
  };
  switch (body.command) {
    case 'confirmEligibility':
      // An unknown rule id is not notMet, so the rules refuse to set it aside (400).
      return {
        command: body.command,
        overrides: (body.overrides ?? []).map((o) => ({ rule: o.rule as RuleId, reason: o.reason })),
      };
    case 'returnForCorrection':
    case 'reject':
    case 'appeal':
    case 'upholdAppeal':
    case 'dismissAppeal':
      return { command: body.command, reason: need(body.reason, 'reason') };
    case 'withdraw':
      return { command: body.command, reason: body.reason ?? '' };
    case 'resubmit':
      return {
        command: body.command,
        usePlaces: need(body.usePlaces, 'usePlaces'),
        suppliedByOtherScheme: need(body.suppliedByOtherScheme, 'suppliedByOtherScheme'),
        reason: need(body.reason, 'reason'),
      };
    case 'scheduleAssessment':
      return {
        command: body.command,
        mode: need(body.mode, 'mode'),
        scheduledOn: need(body.scheduledOn, 'scheduledOn'),
      };
    case 'recordAssessment':
      return {
        command: body.command,
        functionArea: need(body.functionArea, 'functionArea'),
        measurements: need(body.measurements, 'measurements'),
        findings: need(body.findings, 'findings'),
        recommendedItemCodes: body.recommendedItemCodes ?? [],
      };
    case 'prescribe':
      return { command: body.command, lines: need(body.lines, 'lines') };
    case 'approve':
    case 'startFitting':
    case 'close':
      return { command: body.command };
    case 'recordDelivery':
      return {
        command: body.command,
        serialNumber: need(body.serialNumber, 'serialNumber'),
        notes: body.notes ?? '',
      };
    case 'confirmReceipt':
      return { command: body.command, signedBy: need(body.signedBy, 'signedBy') };
    case 'recordTraining':
      return { command: body.command, notes: need(body.notes, 'notes') };
    case 'recordFollowUp':
      return {
        command: body.command,
        method: need(body.method, 'method'),
        inUse: need(body.inUse, 'inUse'),
        useFrequency: need(body.useFrequency, 'useFrequency'),
        productSatisfaction: need(body.productSatisfaction, 'productSatisfaction'),
        serviceSatisfaction: need(body.serviceSatisfaction, 'serviceSatisfaction'),
        problems: body.problems ?? [],
        repairNeeded: need(body.repairNeeded, 'repairNeeded'),
      };
    default:
      // Opening a case is POST /api/v1/applications, not a command.
      throw new CaseProblem('command', 'invalid');
  }
}

const problemAsHttp = (error: unknown): never => {
  if (error instanceof CaseProblem)
    throw new HttpError(400, `invalid_${error.field}`, `${error.field}: ${error.key}`);
  throw error;
};

async function summaries(db: Db, cases: readonly FittingCase[], today: string) {
  const labels = await personLabels(
    db,
    cases.map((c) => c.personId),
  );
  return cases.map((c) => summary(c, labels.get(c.personId), today));
}

function summary(
  c: FittingCase,
  label: { maskedName: string; maskedResidentId: string } | undefined,
  today: string,
) {
  return {
    id: c.id,
    reference: c.reference,
    status: c.status,
    version: c.version,
    itemCode: c.itemCode,
    policyYear: c.policyYear,
    districtCode: c.districtCode,
    applicantGroup: c.applicantGroup,
    person: { name: label?.maskedName ?? '', residentId: label?.maskedResidentId ?? '' },
    dueOn: c.dueOn,
    overdue: c.dueOn !== null && c.dueOn < today,
    reservedFen: c.reservedFen,
    createdAt: c.createdAt.toISOString(),
  };
}

/** `/api/v1/applications`: the fitting-subsidy cases the caller may see, and their commands. */
export function fittingApi(app: FastifyInstance, deps: { db: Db; cases: CaseService }): void {
  const { db, cases } = deps;

  const detail = async (request: import('fastify').FastifyRequest, id: string) => {
    const actor = signedIn(request);
    const found = await authorisedCase(db, request, actor, id);
    const today = beijingDay(new Date());
    const [[base], actions, eligibility, prescription] = await Promise.all([
      summaries(db, [found.case], today),
      actionsOf(db, id),
      latestEligibility(db, id),
      prescriptionOf(db, id),
    ]);
    await recordCaseRead(db, request, 'case.read', id);
    return {
      ...(base as ReturnType<typeof summary>),
      allowedCommands: found.commands,
      timeline: actions.map((a) => ({
        seq: a.seq,
        command: a.command,
        statusAfter: a.statusAfter,
        actorRole: a.actorRole,
        at: a.at.toISOString(),
      })),
      eligibility: eligibility
        ? {
            ruleSetVersion: eligibility.ruleSetVersion,
            eligible: eligibility.eligible,
            results: eligibility.results.map((r) => ({
              rule: r.rule,
              version: r.version,
              clause: r.clause,
              verdict: r.verdict,
            })),
            overridden: eligibility.overrides.map((o) => o.rule),
          }
        : null,
      prescription: prescription.map((l) => ({
        itemCode: l.itemCode,
        productId: l.productId,
        quantity: l.quantity,
        priceFen: l.priceFen,
        subsidyFen: l.subsidyFen,
        productPartFen: l.productPartFen,
        servicePartFen: l.servicePartFen,
        selfPaidFen: l.selfPaidFen,
      })),
    };
  };

  app.get(
    '/api/v1/applications',
    {
      config: { access: 'case.read' },
      schema: {
        summary: 'Fitting-subsidy cases within the caller’s reach, masked, with counts',
        tags: ['fitting'],
        querystring: Type.Object(
          {
            status: Type.Optional(Status),
            overdue: Type.Optional(Type.Boolean()),
            sort: Type.Optional(literals(caseSorts)),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(CaseSummary), total: Type.Integer(), page: Type.Integer() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const actor = signedIn(request);
      const {
        status,
        overdue,
        sort = 'due',
        page = 1,
      } = request.query as {
        status?: (typeof caseStatuses)[number];
        overdue?: boolean;
        sort?: (typeof caseSorts)[number];
        page?: number;
      };
      const today = beijingDay(new Date());
      const scope = await caseScopeOf(db, actor);
      const filter = { statuses: status ? [status] : null, overdueOn: overdue ? today : null };
      const [found, counts] = await Promise.all([
        listCases(db, scope, filter, { sort, page, pageSize: 50 }),
        countCases(db, scope, filter, today),
      ]);
      await recordCaseRead(db, request, 'case.list', null, { shown: found.length, page });
      return { items: await summaries(db, found, today), total: counts.total, page };
    },
  );

  app.post(
    '/api/v1/applications',
    {
      config: { access: 'case.apply' },
      schema: {
        summary: 'Apply for a fitting subsidy (a repeat with the same Idempotency-Key returns the same case)',
        tags: ['fitting'],
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100 })),
        }),
        body: ApplyBody,
        response: { 200: CaseDetail, 201: CaseDetail, ...errors },
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const body = request.body as import('typebox').Static<typeof ApplyBody>;
      const personId = body.personId ?? (await personOfUser(db, actor.userId))?.id;
      if (personId === undefined) throw new HttpError(400, 'invalid_personId', 'personId: required');
      const by: CaseActor = { actor, sourceAddress: request.ip };
      const key = (request.headers['idempotency-key'] as string | undefined) ?? null;
      const result = await cases
        .apply(by, {
          personId,
          itemCode: body.itemCode,
          usePlaces: body.usePlaces,
          suppliedByOtherScheme: body.suppliedByOtherScheme,
          reason: body.reason,
          signedBy: body.signedBy,
          proxyGuardianId: body.proxyGuardianId ?? null,
          idempotencyKey: key,
        })
        .catch(problemAsHttp);
      reply.code(result.created ? 201 : 200);
      return detail(request, result.case.id);
    },
  );

  app.get(
    '/api/v1/applications/:id',
    {
      config: { access: 'case.read' },
      schema: {
        summary:
          'One case with its timeline, eligibility verdicts, prescription and the commands the caller may give',
        tags: ['fitting'],
        params: IdParams,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => detail(request, (request.params as { id: string }).id),
  );

  app.post(
    '/api/v1/applications/:id/actions',
    {
      config: { access: 'case.act' },
      schema: {
        summary: 'Give a command to a case (the version read must still be current)',
        tags: ['fitting'],
        params: IdParams,
        body: ActionBody,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => {
      const actor = signedIn(request);
      const { id } = request.params as { id: string };
      const body = request.body as ActionBodyType;
      // Out of reach answers 404 before anything about the command is said.
      await authorisedCase(db, request, actor, id, 'case.act');
      try {
        await cases.act({ actor, sourceAddress: request.ip }, id, body.version, commandFromBody(body));
      } catch (error) {
        problemAsHttp(error);
      }
      return detail(request, id);
    },
  );
}
