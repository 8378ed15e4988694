// What every policy-catalog page uses: the public pages, the city's, and the applicants' and reviewers'.
import type { FastifyRequest } from 'fastify';
import { type Action, auditActor, authorise, sourceAddress } from '../../../platform/auth/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { HttpError } from '../../../platform/http/index.ts';
import { formatDate, type Locale } from '../../../platform/i18n/index.ts';
import { Tag, type TagColour } from '../../../platform/ui/index.ts';
import { type Admission, findAdmission } from '../admissionsRepo.ts';
import type { CommandContext } from '../catalogsService.ts';
import type { AdmissionStatus } from '../domain/admission.ts';
import type { CatalogStatus } from '../domain/items.ts';
import { admissionStatusText, catalogStatusText, kindPath, policyLabels } from './labels.ts';

export const notFound = () => new HttpError(404, 'not_found', 'not found');

export const trimmed = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Full-width digits, as a Chinese input method may type them, made plain. */
export const halfWidthDigits = (value: string) =>
  value.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** A whole number typed into a form ("12", " 12 ", "１２"), or null. */
export function wholeNumber(raw: string): number | null {
  const text = halfWidthDigits(raw.trim());
  return /^\d{1,6}$/.test(text) ? Number(text) : null;
}

/** Who acts, as the services record it on the audit trail. */
export const commandContext = (request: FastifyRequest): CommandContext => ({
  actor: auditActor(request.actor),
  sourceAddress: sourceAddress(request),
});

/** The application the route's `:id` names, if the signed-in user may do `action` to it (404 otherwise, audited). */
export async function authorisedAdmission(
  db: Db,
  request: FastifyRequest,
  action: Action,
): Promise<Admission> {
  const { id } = request.params as { id: string };
  const admission = await findAdmission(db, id);
  if (admission === undefined) throw notFound();
  const target = { organisationIds: [admission.applicantOrganisationId] };
  await authorise(db, request, action, { type: 'admission', id }, target);
  return admission;
}

/** Text in the page's language, from a record that has both (the Chinese when the English was left empty). */
export const inLocale = (locale: Locale, zh: string, en: string): string =>
  locale === 'zh-CN' || en.trim() === '' ? zh : en;

const han = /[\u3400-\u9fff\uf900-\ufaff]/;

/** A name kept in both languages, marked as Chinese where an English page has to fall back to it. */
export function Named({ locale, zh, en }: { locale: Locale; zh: string; en: string }) {
  const text = inLocale(locale, zh, en);
  return locale === 'en' && text === zh && han.test(zh) ? <span lang="zh-CN">{zh}</span> : text;
}

export const productName = (locale: Locale, p: { nameZh: string; nameEn: string }) =>
  inLocale(locale, p.nameZh, p.nameEn);

/** The name of the product an application is for, or its id when the product cannot be read. */
export const appliedProductName = (
  locale: Locale,
  admission: { productId: string },
  product: { nameZh: string; nameEn: string } | undefined,
) => (product === undefined ? admission.productId : productName(locale, product));

/**
 * A calendar day (YYYY-MM-DD, a day in Xi'an) as the reader's language writes
 * dates; none is ''. Noon in Beijing keeps the day whatever the zone.
 */
export const dayText = (day: string | null, locale: Locale): string =>
  day === null ? '' : formatDate(new Date(`${day}T12:00:00+08:00`), locale);

/** "122203" → "12 22 03", the way the classification prints codes. */
export const formatIsoCode = (code: string): string => code.replace(/(\d{2})(?=\d)/g, '$1 ');

/** The public page of a subsidy item. */
export const itemHref = (year: number, code: string) => `${kindPath.subsidy}/${year}/items/${code}`;

const catalogColours: Readonly<Record<CatalogStatus, TagColour>> = {
  draft: 'grey',
  notice: 'yellow',
  in_force: 'green',
  superseded: 'grey',
};

const admissionColours: Readonly<Record<AdmissionStatus, TagColour>> = {
  applied: 'blue',
  under_review: 'blue',
  notice: 'yellow',
  admitted: 'green',
  rejected: 'red',
  objection_upheld: 'red',
  withdrawn: 'grey',
};

/** A status in words; the colour only repeats what the words say. */
export function CatalogStatusTag({ locale, status }: { locale: Locale; status: CatalogStatus }) {
  return <Tag text={catalogStatusText(policyLabels.for(locale), status)} colour={catalogColours[status]} />;
}

export function AdmissionStatusTag({ locale, status }: { locale: Locale; status: AdmissionStatus }) {
  return (
    <Tag text={admissionStatusText(policyLabels.for(locale), status)} colour={admissionColours[status]} />
  );
}

/** Typed text, marked as Chinese on an English page: one component for the whole platform. */
export { FreeText } from '../../../platform/ui/index.ts';
