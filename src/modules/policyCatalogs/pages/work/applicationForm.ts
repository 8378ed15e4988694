import { parseYuanToFen } from '../../../../platform/i18n/index.ts';
import type { AdmissionEvidence } from '../../admissionsRepo.ts';
import { halfWidthDigits, trimmed } from '../shared.tsx';

/**
 * The application form as typed, and the rules it must pass before the
 * service is asked (the service then checks the product against the item).
 */

export const maxTrialSummary = 2000;
export const maxRegistration = 100;
export const maxReportTitle = 200;
export const maxReportUrl = 500;
export const maxParticipants = 100_000;

export const reportRows = [1, 2, 3] as const;
export type ReportRow = (typeof reportRows)[number];

/** Everything on the form, as text, so a refused form shows exactly what was typed. */
export interface ApplicationForm {
  readonly productId: string;
  readonly itemId: string;
  readonly price: string;
  readonly registrationNumber: string;
  readonly reports: readonly { readonly title: string; readonly url: string }[];
  readonly trialParticipants: string;
  readonly trialSummary: string;
}

export const emptyApplicationForm: ApplicationForm = {
  productId: '',
  itemId: '',
  price: '',
  registrationNumber: '',
  reports: reportRows.map(() => ({ title: '', url: '' })),
  trialParticipants: '',
  trialSummary: '',
};

/** The form's field names (each report row has a title and a URL field). */
export const reportTitleField = (row: ReportRow) => `reportTitle${row}` as const;
export const reportUrlField = (row: ReportRow) => `reportUrl${row}` as const;

export type ApplicationProblemKey =
  | 'err_productRequired'
  | 'err_itemRequired'
  | 'err_priceRequired'
  | 'err_priceFormat'
  | 'err_priceZero'
  | 'err_registrationTooLong'
  | 'err_reportTitleMissing'
  | 'err_reportTitleTooLong'
  | 'err_reportUrlMissing'
  | 'err_reportUrlHttps'
  | 'err_participantsRequired'
  | 'err_participantsFormat'
  | 'err_summaryRequired'
  | 'err_summaryTooLong';

/** A mistake on the form: the field it belongs to and the message explaining it. */
export interface ApplicationProblem {
  readonly field: string;
  readonly key: ApplicationProblemKey;
  readonly params?: Readonly<Record<string, number>>;
}

export interface ReadApplication {
  readonly productId: string;
  readonly itemId: string;
  readonly priceFen: number;
  readonly evidence: AdmissionEvidence;
}

/** The form from a posted body (missing fields read as empty). */
export function applicationFormOf(body: Readonly<Record<string, unknown>>): ApplicationForm {
  return {
    productId: trimmed(body.productId),
    itemId: trimmed(body.itemId),
    price: trimmed(body.price),
    registrationNumber: trimmed(body.registrationNumber),
    reports: reportRows.map((row) => ({
      title: trimmed(body[reportTitleField(row)]),
      url: trimmed(body[reportUrlField(row)]),
    })),
    trialParticipants: trimmed(body.trialParticipants),
    trialSummary: trimmed(body.trialSummary),
  };
}

const isHttpsUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
};

function priceProblems(price: string): ApplicationProblem[] {
  if (price === '') return [{ field: 'price', key: 'err_priceRequired' }];
  const fen = parseYuanToFen(price);
  if (fen === null) return [{ field: 'price', key: 'err_priceFormat' }];
  return fen > 0 ? [] : [{ field: 'price', key: 'err_priceZero' }];
}

/** A row left empty is ignored; one half filled, or with a URL that is not https, is a mistake. */
function reportProblems(reports: ApplicationForm['reports']): ApplicationProblem[] {
  const problems: ApplicationProblem[] = [];
  reports.forEach((report, index) => {
    const row = index + 1;
    if (report.title === '' && report.url === '') return;
    const params = { row };
    if (report.title === '')
      problems.push({ field: `reportTitle${row}`, key: 'err_reportTitleMissing', params });
    else if ([...report.title].length > maxReportTitle)
      problems.push({ field: `reportTitle${row}`, key: 'err_reportTitleTooLong', params });
    if (report.url === '') problems.push({ field: `reportUrl${row}`, key: 'err_reportUrlMissing', params });
    else if (report.url.length > maxReportUrl || !isHttpsUrl(report.url))
      problems.push({ field: `reportUrl${row}`, key: 'err_reportUrlHttps', params });
  });
  return problems;
}

function participantProblems(participants: string): ApplicationProblem[] {
  if (participants === '') return [{ field: 'trialParticipants', key: 'err_participantsRequired' }];
  const digits = halfWidthDigits(participants);
  if (!/^\d{1,6}$/.test(digits) || Number(digits) > maxParticipants)
    return [{ field: 'trialParticipants', key: 'err_participantsFormat' }];
  return [];
}

function summaryProblems(summary: string): ApplicationProblem[] {
  if (summary === '') return [{ field: 'trialSummary', key: 'err_summaryRequired' }];
  return [...summary].length > maxTrialSummary ? [{ field: 'trialSummary', key: 'err_summaryTooLong' }] : [];
}

/** Every mistake on the form, in the order of the fields; or the application when there is none. */
export function readApplication(
  form: ApplicationForm,
):
  | { application: ReadApplication; problems: [] }
  | { application: undefined; problems: ApplicationProblem[] } {
  const problems: ApplicationProblem[] = [
    ...(form.productId === '' ? [{ field: 'productId', key: 'err_productRequired' } as const] : []),
    ...(form.itemId === '' ? [{ field: 'itemId', key: 'err_itemRequired' } as const] : []),
    ...priceProblems(form.price),
    ...([...form.registrationNumber].length > maxRegistration
      ? [{ field: 'registrationNumber', key: 'err_registrationTooLong' } as const]
      : []),
    ...reportProblems(form.reports),
    ...participantProblems(form.trialParticipants),
    ...summaryProblems(form.trialSummary),
  ];
  if (problems.length > 0) return { application: undefined, problems };
  return {
    application: {
      productId: form.productId,
      itemId: form.itemId,
      priceFen: parseYuanToFen(form.price) as number,
      evidence: {
        registrationNumber: form.registrationNumber,
        testReports: form.reports.filter((r) => r.title !== '' || r.url !== ''),
        trialParticipants: Number(halfWidthDigits(form.trialParticipants)),
        trialSummary: form.trialSummary,
      },
    },
    problems: [],
  };
}
