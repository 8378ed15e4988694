import type { ComponentChildren } from 'preact';
import { Type } from 'typebox';
import type { Target } from '../../../../platform/auth/index.ts';
import { maskName } from '../../../../platform/crypto/index.ts';
import { HttpError } from '../../../../platform/http/index.ts';
import {
  Button,
  ButtonGroup,
  FormPage,
  type FormPageProps,
  type PageContext,
  Tag,
  TextInput,
} from '../../../../platform/ui/index.ts';
import { findUserTarget } from '../../usersRepo.ts';
import { CsrfField } from '../common.tsx';
import type { SignInPageDeps } from '../signIn/index.ts';
import { adminMessages } from './messages.ts';

export type T = ReturnType<typeof adminMessages.for>;
export type AdminKey = Parameters<T>[0];

/** A rule's problem in words; a problem this page does not know still gets a sentence, never a code. */
export const problemText = (t: T, problem: string): string => {
  const key = `problem_${problem}`;
  return adminMessages.has(key) ? t(key) : t('problem_unknown');
};

/** Select boxes send '' for "all"; anything else must be one of the choices. */
export const optionalChoice = (values: readonly string[]) =>
  Type.Optional(Type.Union([Type.Literal(''), ...values.map((value) => Type.Literal(value))]));

export const notFound = () => new HttpError(404, 'not_found', 'not found');

export const trimmed = (value: string | undefined): string => (value ?? '').trim();

/** A user as a list shows them: residents signing in by phone have no username. */
export const accountName = (t: T, user: { id: string; username: string | null }): string =>
  user.username ?? t('residentWithoutUsername', { id: user.id.slice(0, 8) });

/** Residents' names are personal data: masked here, as everywhere by default (SECURITY.md 19). */
export const shownDisplayName = (user: { kind: 'staff' | 'resident'; displayName: string }): string =>
  user.kind === 'resident' ? maskName(user.displayName) : user.displayName;

export const organisationName = (ctx: PageContext, o: { nameZh: string; nameEn: string }) =>
  ctx.locale === 'zh-CN' ? o.nameZh : o.nameEn;

/** Where a user stands for the policy: their organisations and districts, and themselves as owner. */
export async function userTarget(deps: SignInPageDeps, userId: string): Promise<Target> {
  const target = await findUserTarget(deps.db, userId);
  if (!target) throw notFound();
  return target;
}

/** Every administration page: a FormPage below "首页 › 系统管理" (crumbs empty on the landing page). */
export function AdminPage(props: Omit<FormPageProps, 'area'>) {
  const t = adminMessages.for(props.ctx.locale);
  return <FormPage {...props} area={{ text: t('indexTitle'), href: '/admin' }} />;
}

/** A one-button form (revoke, disable): the hidden text names what the button acts on. */
export function ActionButton(props: {
  action: string;
  csrf: string;
  text: string;
  hidden?: string;
  variant?: 'secondary' | 'warning';
}) {
  return (
    <form method="post" action={props.action}>
      <CsrfField token={props.csrf} />
      <Button variant={props.variant ?? 'secondary'} preventDoubleClick>
        {props.text}
        {props.hidden !== undefined && <span class="fj-visually-hidden"> {props.hidden}</span>}
      </Button>
    </form>
  );
}

/** A list's filter form: the selects and search boxes go in the grid; "clear" goes back to the bare list. */
export function FilterForm(props: { t: T; action: string; children: ComponentChildren }) {
  return (
    <form method="get" action={props.action} class="fj-filters" novalidate>
      <h2 class="fj-heading-m">{props.t('filters')}</h2>
      <div class="fj-filters__grid">{props.children}</div>
      <ButtonGroup>
        <Button>{props.t('applyFilters')}</Button>
        <a href={props.action}>{props.t('clearFilters')}</a>
      </ButtonGroup>
    </form>
  );
}

/** The username box of a form that names a staff account (a new user, a token's owner). */
export function UsernameField(props: {
  label: string;
  hint: string;
  value: string | undefined;
  error: string | undefined;
  errorPrefix: string;
}) {
  return (
    <TextInput
      id="username"
      name="username"
      label={props.label}
      hint={props.hint}
      value={props.value}
      error={props.error}
      errorPrefix={props.errorPrefix}
      autocomplete="off"
      spellcheck={false}
      width="20"
      maxlength={64}
    />
  );
}

export function StatusTag({ t, disabled }: { t: T; disabled: boolean }) {
  return disabled ? (
    <Tag text={t('status_disabled')} colour="grey" />
  ) : (
    <Tag text={t('status_active')} colour="green" />
  );
}

export { IdParams, StrictBody } from '../../../../platform/http/index.ts';
