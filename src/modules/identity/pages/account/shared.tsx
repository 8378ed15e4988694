import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { ComponentChildren } from 'preact';
import { type TProperties, Type } from 'typebox';
import type { Role } from '../../../../platform/auth/index.ts';
import { type Queryable, sql } from '../../../../platform/db/index.ts';
import { PageQuery, pageContext } from '../../../../platform/http/index.ts';
import type { Locale, Translate } from '../../../../platform/i18n/index.ts';
import type { PageContext } from '../../../../platform/ui/index.ts';
import type { District } from '../../repo.ts';
import { type FieldErrors, UncrumbedPage } from '../common.tsx';
import type { SignInPageDeps } from '../signIn/index.ts';
import { accountMessages } from './messages.ts';

export type Key = Parameters<ReturnType<typeof accountMessages.for>>[0];
export type T = Translate<Key>;

/** The page context and the account pages' messages in its language. */
export const ctxAndT = (deps: SignInPageDeps, request: FastifyRequest, reply: FastifyReply) => {
  const ctx = pageContext(deps.config, deps.assets, request, reply);
  return { ctx, t: accountMessages.for(ctx.locale) };
};

/** A signed-in page: the usual page query, plus any `extra` fields. */
export const pageRoute = (extra?: TProperties): RouteShorthandOptions => ({
  config: { access: 'signedIn' },
  schema: {
    hide: true,
    querystring: extra ? Type.Object({ ...PageQuery.properties, ...extra }) : PageQuery,
  },
});

/** A signed-in form post: the CSRF token, plus any `fields`. */
export const formRoute = (fields?: TProperties): RouteShorthandOptions => ({
  config: { access: 'signedIn' },
  schema: { hide: true, body: Type.Object({ _csrf: Type.String(), ...fields }) },
});

const roleNames: Readonly<Record<Role, Key>> = {
  resident: 'roleResident',
  community_worker: 'roleCommunityWorker',
  assessor: 'roleAssessor',
  district_reviewer: 'roleDistrictReviewer',
  city_admin: 'roleCityAdmin',
  supplier_staff: 'roleSupplierStaff',
  department_officer: 'roleDepartmentOfficer',
  researcher: 'roleResearcher',
  volunteer: 'roleVolunteer',
  auditor: 'roleAuditor',
  security_admin: 'roleSecurityAdmin',
  system_admin: 'roleSystemAdmin',
};

/** A grant's role in the page language; an unknown role (added later, not yet named here) shows its code. */
export const roleName = (t: T, role: string): string =>
  role in roleNames ? t(roleNames[role as Role]) : role;

export const districtName = (
  districts: readonly District[],
  code: string | null,
  locale: Locale,
): string | null => {
  if (code === null) return null;
  const district = districts.find((d) => d.code === code);
  if (!district) return code;
  return locale === 'en' ? district.nameEn : district.nameZh;
};

/**
 * Facts about the account that decide what the pages offer. Residents who
 * signed up with a text-message code have no password: no password to change,
 * and no second factor (it guards password sign-in only, and turning it off
 * again would need a password they do not have).
 */
export interface AccountState {
  readonly hasPassword: boolean;
  readonly secondFactor: boolean;
  readonly idBound: boolean;
}

export async function accountState(db: Queryable, userId: string): Promise<AccountState> {
  const [row] = await db.query<{ has_password: boolean; totp_enabled: boolean; id_bound: boolean }>(
    sql`select password_hash is not null as has_password, totp_enabled, resident_id_hash is not null as id_bound
        from app_user where id = ${userId}`,
  );
  if (!row) throw new Error('signed-in user has no account row');
  return { hasPassword: row.has_password, secondFactor: row.totp_enabled, idBound: row.id_bound };
}

export const BackLink = ({ t }: { t: T }) => (
  <p class="fj-body">
    <a href="/account">{t('backToAccount')}</a>
  </p>
);

/** An account page below /account: any success or other banner, the heading, the body, then the way back. */
export const AccountSubpage = (props: {
  ctx: PageContext;
  t: T;
  title: string;
  errors?: FieldErrors;
  /** What the last command did, in the success banner. */
  done?: string | undefined;
  banner?: ComponentChildren;
  children: ComponentChildren;
}) => (
  <UncrumbedPage ctx={props.ctx} title={props.title} errors={props.errors} done={props.done}>
    {props.banner}
    <h1 class="fj-heading-l">{props.title}</h1>
    {props.children}
    <BackLink t={props.t} />
  </UncrumbedPage>
);
