import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Static, type TSchema, Type } from 'typebox';
import { reach, signedIn } from '../../platform/auth/index.ts';
import { ApiError, HttpError } from '../../platform/http/index.ts';
import { disabilityCategories } from '../../platform/ids/index.ts';
import type { ModuleDeps } from '../../platform/module.ts';
import { listDistricts } from '../identity/index.ts';
import { listConsents } from './consentsRepo.ts';
import { commandContext } from './context.ts';
import { checkPerson, type PersonForm, personFields } from './domain/person.ts';
import {
  certificateGenerations,
  consentGivers,
  consentPurposes,
  economicStatuses,
  economicStatusSources,
  guardianRelations,
} from './domain/vocabulary.ts';
import { listGuardians } from './guardiansRepo.ts';
import { personFormMessages, problemText } from './pages/formMessages.ts';
import { findPerson } from './peopleRepo.ts';
import { browsePeople, DuplicatePerson, recordPersonRead, registerPerson } from './peopleService.ts';
import { authorisedPerson, notFound, refuseUnservedDistrict } from './scope.ts';
import { lookupHashOf } from './search.ts';

const literals = <T extends string | number>(values: readonly T[], description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    description === undefined ? {} : { description },
  );
const Category = literals(disabilityCategories, 'Disability category (GB/T 26341-2010)');
const Grade = Type.Integer({ minimum: 1, maximum: 4, description: '1 is the most severe' });
const Day = (description: string) => Type.String({ format: 'date', description });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const Masked = (example: string) => Type.String({ description: `Masked, e.g. ${example}` });

const Summary = {
  id: Type.String({ format: 'uuid' }),
  name: Masked('张*明'),
  residentId: Masked('610113********123X'),
  sex: literals(['male', 'female'], 'From the resident ID'),
  age: Type.Integer({
    minimum: 0,
    description: 'Whole years today (Beijing time); the birth date is not given',
  }),
  districtCode: Type.String({ description: 'GB/T 2260 code of the district that serves the person' }),
  street: Type.String(),
  community: Type.String(),
  localHousehold: Type.Boolean({ description: '本市户籍: household registered in the city' }),
  economicStatus: literals(economicStatuses),
  accountBound: Type.Boolean({ description: 'The resident’s own account is bound to this record' }),
};

const PersonSummary = Type.Object({
  ...Summary,
  certificate: Nullable(
    Type.Object({ generation: literals(certificateGenerations), category: Category, grade: Grade }),
  ),
});

const PersonDetail = Type.Object(
  {
    ...Summary,
    phone: Nullable(Masked('139****0001')),
    address: Nullable(Masked('陕西省西安市雁塔区****')),
    certificate: Nullable(
      Type.Object({
        generation: literals(certificateGenerations),
        number: Nullable(Masked('610113**********1242')),
        category: Category,
        grade: Grade,
        validUntil: Nullable(Day('Last day of validity; null: no end date')),
        gradeChangedOn: Nullable(Day('When the grade last changed')),
      }),
    ),
    economicStatusSource: Nullable(literals(economicStatusSources)),
    economicStatusAsOf: Nullable(Day('When the economic status was last confirmed')),
    version: Type.Integer({ description: 'Changes with every edit' }),
    guardians: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        name: Masked('王*'),
        phone: Masked('138****1234'),
        relation: literals(guardianRelations),
        isProxy: Type.Boolean({ description: 'May act for the person: apply, confirm receipt' }),
      }),
    ),
    consents: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        purpose: literals(consentPurposes),
        givenBy: literals(consentGivers),
        givenAt: Type.String({ format: 'date-time' }),
        withdrawnAt: Nullable(Type.String({ format: 'date-time' })),
      }),
    ),
  },
  { description: 'The person, masked' },
);

const optionalText = (maxLength: number, description?: string) =>
  Type.Optional(Type.String({ maxLength, ...(description === undefined ? {} : { description }) }));

const Registration = Type.Object(
  {
    name: Type.String({ maxLength: 100 }),
    residentId: Type.String({
      maxLength: 40,
      description: '18 characters; sex and birth date are taken from it',
    }),
    phone: optionalText(40, 'Mainland mobile number'),
    address: optionalText(400),
    districtCode: Type.String({ maxLength: 6, description: 'A district within the caller’s scope' }),
    street: optionalText(100),
    community: optionalText(100),
    localHousehold: Type.Boolean(),
    certificate: Type.Optional(
      Nullable(
        Type.Object(
          {
            generation: literals(certificateGenerations),
            number: optionalText(40, 'Required for the 2nd generation: 20 characters, optional B1-B9'),
            category: Type.Optional(Category),
            grade: Type.Optional(Grade),
            validUntil: Type.Optional(Day('Last day of validity')),
            gradeChangedOn: Type.Optional(Day('When the grade last changed')),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    economicStatus: literals(economicStatuses),
    economicStatusSource: Type.Optional(literals(economicStatusSources)),
    economicStatusAsOf: Type.Optional(Day('Required unless the status is none')),
    fittingConsent: Type.Optional(
      Type.Object({ givenBy: literals(consentGivers) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
type RegistrationBody = Static<typeof Registration>;

const Problems = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      problems: Type.Optional(
        Type.Array(Type.Object({ field: Type.String(), problem: Type.String(), message: Type.String() })),
      ),
    }),
  },
  { description: 'The request is not valid: each field’s problem, when the fields were read' },
);

const errors = { 401: ApiError, 403: ApiError, 404: ApiError, 429: ApiError };
const tags = ['people'];

/** The JSON registration in the form's terms, so both are checked by the same rules. */
function formOf(body: RegistrationBody): PersonForm {
  const c = body.certificate ?? null;
  return {
    name: body.name,
    residentId: body.residentId,
    phone: body.phone ?? '',
    address: body.address ?? '',
    districtCode: body.districtCode,
    street: body.street ?? '',
    community: body.community ?? '',
    localHousehold: body.localHousehold ? 'yes' : 'no',
    certificateGeneration: c === null ? 'none' : String(c.generation),
    certificateNumber: c?.number ?? '',
    category: c?.category ?? '',
    grade: c?.grade === undefined ? '' : String(c.grade),
    validUntil: c?.validUntil ?? '',
    gradeChangedOn: c?.gradeChangedOn ?? '',
    economicStatus: body.economicStatus,
    economicStatusSource: body.economicStatusSource ?? '',
    economicStatusAsOf: body.economicStatusAsOf ?? '',
  };
}

/** The registry over the API: the same policy, scope, checks and masking as the pages. */
export function peopleApi(app: FastifyInstance, { db, keyring }: ModuleDeps): void {
  app.get(
    '/api/v1/people',
    {
      config: { access: 'person.read' },
      schema: {
        summary: 'People in the registry within the caller’s scope, masked',
        description:
          '权限范围内的人员库记录（个人信息部分隐藏）。q 为完整的身份证号或手机号码，按加密索引精确查找。',
        tags,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 40, description: 'A whole ID or mobile number' })),
          districtCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
          category: Type.Optional(Category),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        }),
        response: {
          200: Type.Object(
            {
              items: Type.Array(PersonSummary),
              total: Type.Integer(),
              page: Type.Integer(),
              pageSize: Type.Integer(),
            },
            { description: 'One page of people (masked), and how many there are in scope' },
          ),
          400: ApiError,
          ...errors,
        },
      },
    },
    async (request) => {
      const query = request.query as {
        q?: string;
        districtCode?: string;
        category?: (typeof disabilityCategories)[number];
        page?: number;
        pageSize?: number;
      };
      const { page = 1, pageSize = 50 } = query;
      const lookup = lookupHashOf(keyring, query.q ?? '');
      if (lookup === undefined)
        throw new HttpError(400, 'invalid_query', 'q must be a whole ID or mobile number');
      const result = await browsePeople(
        db,
        keyring,
        commandContext(request),
        reach(signedIn(request), 'person.read'),
        {
          lookupHash: lookup,
          districtCode: query.districtCode ?? null,
          category: query.category ?? null,
          page,
          pageSize,
        },
      );
      return {
        items: result.items.map((p) => ({
          id: p.id,
          name: p.name,
          residentId: p.residentId,
          sex: p.sex,
          age: p.age,
          districtCode: p.districtCode,
          street: p.street,
          community: p.community,
          localHousehold: p.localHousehold,
          economicStatus: p.economicStatus,
          accountBound: p.accountBound,
          certificate:
            p.certificateGeneration === null || p.category === null || p.grade === null
              ? null
              : { generation: p.certificateGeneration, category: p.category, grade: p.grade },
        })),
        total: result.total,
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/v1/people/:id',
    {
      config: { access: 'person.read' },
      schema: {
        summary: 'One person, masked, if within the caller’s scope',
        description: '人员库中的一人（个人信息部分隐藏；超出权限范围时返回 404）',
        tags,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: PersonDetail, 400: ApiError, ...errors },
      },
    },
    async (request) => {
      const { id } = await authorisedPerson(db, request, 'person.read');
      const person = await findPerson(db, keyring, id, { reveal: false });
      if (person === undefined) throw notFound();
      const guardians = await listGuardians(db, keyring, id, { reveal: false });
      const consents = await listConsents(db, id);
      await recordPersonRead(db, commandContext(request), 'person.read', id);
      return {
        id: person.id,
        name: person.name,
        residentId: person.residentId,
        sex: person.sex,
        age: person.age,
        districtCode: person.districtCode,
        street: person.street,
        community: person.community,
        localHousehold: person.localHousehold,
        economicStatus: person.economicStatus,
        accountBound: person.userId !== null,
        phone: person.phone,
        address: person.address,
        certificate: person.certificate,
        economicStatusSource: person.economicStatusSource,
        economicStatusAsOf: person.economicStatusAsOf,
        version: person.version,
        guardians: guardians.map((g) => ({
          id: g.id,
          name: g.name,
          phone: g.phone,
          relation: g.relation,
          isProxy: g.isProxy,
        })),
        consents: consents.map((c) => ({
          id: c.id,
          purpose: c.purpose,
          givenBy: c.givenBy,
          givenAt: c.givenAt.toISOString(),
          withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    '/api/v1/people',
    {
      config: { access: 'person.register' },
      schema: {
        summary: 'Register a person',
        description:
          '登记一人：身份证号校验，性别和出生日期由身份证号得出；第二代残疾人证的类别和等级由证号得出，且证号须与身份证号一致。同一身份证号只能登记一次（409）。',
        tags,
        body: Registration,
        response: {
          201: Type.Object(
            {
              id: Type.String({ format: 'uuid' }),
              accountBound: Type.Boolean({ description: 'A resident account with this ID number was bound' }),
            },
            { description: 'Registered' },
          ),
          400: Problems,
          409: { ...ApiError, description: 'The ID number is already in the registry' },
          ...errors,
        },
      },
    },
    async (request: FastifyRequest, reply) => {
      const body = request.body as RegistrationBody;
      const districts = (await listDistricts(db)).map((d) => d.code);
      const checked = checkPerson(formOf(body), { now: new Date(), districtCodes: districts });
      await refuseUnservedDistrict(db, request, body.districtCode);
      if (!checked.ok) {
        const t = personFormMessages.for('en');
        const problems = personFields.flatMap((field) => {
          const problem = checked.problems[field];
          return problem === undefined ? [] : [{ field, problem, message: problemText(t, field, problem) }];
        });
        return reply.status(400).send({
          error: { code: 'invalid_person', message: 'the person’s details have problems', problems },
        });
      }
      try {
        const consent = body.fittingConsent?.givenBy ?? null;
        const person = await registerPerson(db, keyring, commandContext(request), checked.value, consent);
        return reply.status(201).send({ id: person.id, accountBound: person.userId !== null });
      } catch (error) {
        if (!(error instanceof DuplicatePerson)) throw error;
        return reply.status(409).send({
          error: { code: 'duplicate', message: `already registered: ${error.maskedResidentId}` },
        });
      }
    },
  );
}
