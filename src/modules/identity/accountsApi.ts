import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorise, reach, roles } from '../../platform/auth/index.ts';
import type { Keyring } from '../../platform/crypto/index.ts';
import { type Db, sql } from '../../platform/db/index.ts';
import { ApiError, HttpError } from '../../platform/http/index.ts';
import { recordResidentRead } from './residentReads.ts';
import { findResident, listResidents } from './residentsRepo.ts';
import { findUserTarget, userWithinReach } from './usersRepo.ts';

const Role = Type.Union(roles.map((role) => Type.Literal(role)));
const Grant = Type.Object({
  role: Role,
  organisationId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  districtCode: Type.Union([Type.String(), Type.Null()]),
});
const User = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.Union([Type.String(), Type.Null()]),
  kind: Type.Union([Type.Literal('staff'), Type.Literal('resident')]),
  disabled: Type.Boolean(),
  roles: Type.Array(Grant),
});
const Resident = Type.Object({
  id: Type.String({ format: 'uuid' }),
  displayName: Type.String({ description: 'Masked, e.g. 张*明' }),
  phone: Type.Union([Type.String({ description: 'Masked, e.g. 139****0001' }), Type.Null()]),
  residentId: Type.Union([Type.String({ description: 'Masked, e.g. 610113********1234' }), Type.Null()]),
  districtCode: Type.Union([Type.String(), Type.Null()]),
});
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};
const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 429: ApiError };

interface UserRow {
  id: string;
  username: string | null;
  kind: 'staff' | 'resident';
  disabled_at: Date | null;
  grants:
    | { role: (typeof roles)[number]; organisation_id: string | null; district_code: string | null }[]
    | null;
}

const userColumns = sql`u.id, u.username, u.kind, u.disabled_at,
  (select json_agg(json_build_object('role', g.role, 'organisation_id', g.organisation_id,
     'district_code', coalesce(o.district_code, u.district_code)) order by g.granted_at)
   from role_grant g left join organisation o on o.id = g.organisation_id
   where g.user_id = u.id and g.revoked_at is null) as grants`;

const toUser = (row: UserRow) => ({
  id: row.id,
  username: row.username,
  kind: row.kind,
  disabled: row.disabled_at !== null,
  roles: (row.grants ?? []).map((g) => ({
    role: g.role,
    organisationId: g.organisation_id,
    districtCode: g.district_code === null ? null : g.district_code.trim(),
  })),
});

/**
 * Accounts over the API, for scripts and department systems with a token:
 * the same policy, the same scope and the same masking as the pages.
 */
export function accountsApi(app: FastifyInstance, { db, keyring }: { db: Db; keyring: Keyring }): void {
  const actorOf = (request: FastifyRequest) => {
    if (request.actor.kind !== 'user') throw new HttpError(401, 'unauthorized', 'sign in first');
    return request.actor;
  };

  app.get(
    '/api/v1/me',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'The account making the request and its roles',
        description: '当前账户及其角色',
        tags: ['accounts'],
        response: { 200: { ...User, description: 'The account and its live roles' }, ...errors },
      },
    },
    async (request) => {
      const [row] = await db.query<UserRow>(
        sql`select ${userColumns} from app_user u where u.id = ${actorOf(request).userId}`,
      );
      return toUser(row as UserRow);
    },
  );

  app.get(
    '/api/v1/users',
    {
      config: { access: 'user.read' },
      schema: {
        summary: 'Accounts within the caller’s scope',
        description: '调用者权限范围内的账户（区县角色只看到本区县）',
        tags: ['accounts'],
        querystring: Type.Object(Paging),
        response: {
          200: Type.Object(
            {
              items: Type.Array(User),
              total: Type.Integer(),
              page: Type.Integer(),
              pageSize: Type.Integer(),
            },
            { description: 'One page of accounts, and how many there are in scope' },
          ),
          ...errors,
        },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50 } = request.query as { page?: number; pageSize?: number };
      const within = userWithinReach(reach(actorOf(request), 'user.read'));
      const [count] = await db.query<{ total: number }>(
        sql`select count(*)::int as total from app_user u where ${within}`,
      );
      const rows = await db.query<UserRow>(
        sql`select ${userColumns} from app_user u where ${within}
            order by u.created_at, u.id limit ${pageSize} offset ${(page - 1) * pageSize}`,
      );
      return { items: rows.map(toUser), total: count?.total ?? 0, page, pageSize };
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { access: 'user.read' },
      schema: {
        summary: 'One account, if within the caller’s scope',
        description: '单个账户（超出权限范围时返回 404）',
        tags: ['accounts'],
        params: Id,
        response: { 200: { ...User, description: 'The account and its live roles' }, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const target = await findUserTarget(db, id);
      if (!target) throw new HttpError(404, 'not_found', 'not found');
      await authorise(db, request, 'user.read', { type: 'user', id }, target);
      const [row] = await db.query<UserRow>(sql`select ${userColumns} from app_user u where u.id = ${id}`);
      return toUser(row as UserRow);
    },
  );

  app.get(
    '/api/v1/residents',
    {
      config: { access: 'resident.read' },
      schema: {
        summary: 'Residents within the caller’s scope, masked',
        description: '权限范围内的居民账户（个人信息部分隐藏）',
        tags: ['accounts'],
        querystring: Type.Object(Paging),
        response: {
          200: Type.Object(
            {
              items: Type.Array(Resident),
              total: Type.Integer(),
              page: Type.Integer(),
              pageSize: Type.Integer(),
            },
            { description: 'One page of residents (masked), and how many there are in scope' },
          ),
          ...errors,
        },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50 } = request.query as { page?: number; pageSize?: number };
      const result = await listResidents(db, keyring, reach(actorOf(request), 'resident.read'), {
        lookupHash: null,
        page,
        pageSize,
      });
      if (result.items.length > 0) {
        await recordResidentRead(db, request, 'resident.list', null, { shown: result.items.length, page });
      }
      return {
        items: result.items.map((r) => ({
          id: r.id,
          displayName: r.displayName,
          phone: r.phone,
          residentId: r.residentId,
          districtCode: r.districtCode,
        })),
        total: result.total,
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/v1/residents/:id',
    {
      config: { access: 'resident.read' },
      schema: {
        summary: 'One resident, masked, if within the caller’s scope',
        description: '单个居民账户（个人信息部分隐藏；超出权限范围时返回 404）',
        tags: ['accounts'],
        params: Id,
        response: { 200: { ...Resident, description: 'The resident, masked' }, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const resident = await findResident(db, keyring, id, false);
      if (!resident) throw new HttpError(404, 'not_found', 'not found');
      await authorise(
        db,
        request,
        'resident.read',
        { type: 'resident', id },
        {
          districtCodes: resident.districtCode === null ? [] : [resident.districtCode],
          ownerUserId: id,
        },
      );
      await recordResidentRead(db, request, 'resident.read', id);
      return {
        id: resident.id,
        displayName: resident.displayName,
        phone: resident.phone,
        residentId: resident.residentId,
        districtCode: resident.districtCode,
      };
    },
  );
}
