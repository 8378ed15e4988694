import { HttpError } from '../../../../platform/http/index.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import {
  Button,
  CsrfField,
  FormPage,
  type FormPageProps,
  type PageContext,
  shellMessages,
  Tag,
  type TagColour,
} from '../../../../platform/ui/index.ts';
import type { ProductStatus, VersionState } from '../../domain/product.ts';
import type { WorkingState } from '../../domain/workflow.ts';
import type { ProductRecord, ProductVersion } from '../../productsRepo.ts';
import type { SupplierT } from './messages.ts';

export const notFound = () => new HttpError(404, 'not_found', 'not found');

export const trimmed = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Text in the page's language, from a record that has both. */
export const inLocale = (locale: Locale, zh: string, en: string): string => (locale === 'zh-CN' ? zh : en);

export const productName = (ctx: PageContext, d: { nameZh: string; nameEn: string }) =>
  inLocale(ctx.locale, d.nameZh, d.nameEn);

export const supplierName = (ctx: PageContext, p: { supplierNameZh: string; supplierNameEn: string }) =>
  inLocale(ctx.locale, p.supplierNameZh, p.supplierNameEn);

/** "122203" → "12 22 03", the way the classification prints codes. */
export const formatCode = (code: string): string => code.replace(/(\d{2})(?=\d)/g, '$1 ');

const money = new Map<Locale, Intl.NumberFormat>([
  ['zh-CN', new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' })],
  ['en', new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' })],
]);

/** Integer fen as an amount in yuan, read naturally in either language. */
export const formatPrice = (fen: number, locale: Locale): string =>
  (money.get(locale) as Intl.NumberFormat).format(fen / 100);

const statusColours: Record<ProductStatus, TagColour> = {
  draft: 'grey',
  submitted: 'blue',
  published: 'green',
  withdrawn: 'yellow',
};

const stateColours: Record<VersionState, TagColour> = {
  draft: 'grey',
  submitted: 'blue',
  rejected: 'red',
  published: 'green',
  superseded: 'grey',
};

/** A product's status in words; the colour only repeats what the words say. */
export const StatusTag = ({ t, status }: { t: SupplierT; status: ProductStatus }) => (
  <Tag text={t(`status_${status}`)} colour={statusColours[status]} />
);

export const StateTag = ({ t, state }: { t: SupplierT; state: VersionState }) => (
  <Tag text={t(`state_${state}`)} colour={stateColours[state]} />
);

/** The state of the version being worked on, as the workflow table wants it. */
export function workingStateOf(product: ProductRecord, versions: readonly ProductVersion[]): WorkingState {
  if (product.workingVersion === null) return 'none';
  const state = versions.find((v) => v.version === product.workingVersion)?.state;
  return state === 'draft' || state === 'submitted' || state === 'rejected' ? state : 'none';
}

/** Every supplier page: a FormPage below "首页 › 企业产品" (crumbs empty on the product list itself). */
export function SupplierPage(props: Omit<FormPageProps, 'area'>) {
  const shell = shellMessages.for(props.ctx.locale);
  return <FormPage {...props} area={{ text: shell('navSupplier'), href: '/supplier/products' }} />;
}

/** A form of one button (submit, submit all): the hidden text says what it acts on. */
export function ActionButton(props: {
  action: string;
  csrf: string;
  text: string;
  hidden?: string;
  variant?: 'primary' | 'secondary' | 'warning';
}) {
  return (
    <form method="post" action={props.action}>
      <CsrfField token={props.csrf} />
      <Button variant={props.variant ?? 'primary'} preventDoubleClick>
        {props.text}
        {props.hidden !== undefined && <span class="fj-visually-hidden"> {props.hidden}</span>}
      </Button>
    </form>
  );
}

export { signedIn } from '../../../../platform/auth/index.ts';
export { DoneQuery, IdParams, StrictBody } from '../../../../platform/http/index.ts';
export type { FieldErrors } from '../../../../platform/ui/index.ts';
export { CsrfField };
