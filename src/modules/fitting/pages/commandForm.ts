import { type CommandInput, usePlaces } from '../caseService.ts';
import {
  type FunctionArea,
  functionAreas,
  measurementsByArea,
  readMeasurements,
} from '../domain/assessment.ts';
import type { CaseCommand } from '../domain/caseFlow.ts';
import type { RuleId } from '../domain/eligibility.ts';
import { followUpMethods, followUpProblems, useFrequencies } from '../stepsRepo.ts';
import { asList, trimmed } from './shared.tsx';

/**
 * The case page's command forms, read into the service's commands: the
 * page's counterpart of the API's `commandFromBody`. Every field a command
 * needs is checked here, so the form names all its mistakes at once; the
 * service then checks what only it can (dates, ranges, the catalog, the budget).
 */

/** The commands a page may post (opening a case has its own form). */
export type FormCommand = Exclude<CaseCommand, 'submit'>;

/** What was typed, by field name: kept when the form comes back with its mistakes. */
export type FormValues = Readonly<Record<string, string | readonly string[]>>;

/** A mistake on a command form: the field (by name) and the message key in fittingLabels (`err_<key>`). */
export interface FormProblem {
  readonly field: string;
  readonly key: string;
}

export const measurementField = (key: string) => `m_${key}`;

/** As many products as the API takes in one prescription. */
export const maxPrescriptionLines = 10;
export const productField = (line: number) => `product${line}`;
export const quantityField = (line: number) => `quantity${line}`;
const lineNumbers = Array.from({ length: maxPrescriptionLines }, (_, line) => line);

const allMeasurementKeys = functionAreas.flatMap((area) => measurementsByArea[area].map((m) => m.key));

/** Each command's fields by name; a problem the service reports on another field is shown atop the form. */
export const commandFields: Readonly<Record<FormCommand, readonly string[]>> = {
  confirmEligibility: ['overrides'],
  returnForCorrection: ['reason'],
  reject: ['reason'],
  appeal: ['reason'],
  upholdAppeal: ['reason'],
  dismissAppeal: ['reason'],
  withdraw: ['reason'],
  resubmit: ['usePlaces', 'suppliedByOtherScheme', 'reason'],
  scheduleAssessment: ['mode', 'scheduledOn'],
  recordAssessment: [
    'functionArea',
    ...allMeasurementKeys.map(measurementField),
    'findings',
    'recommendedItems',
    'otherItemCodes',
  ],
  prescribe: lineNumbers.flatMap((line) => [productField(line), quantityField(line)]),
  approve: [],
  startFitting: [],
  close: [],
  recordDelivery: ['serialNumber', 'notes'],
  recordTraining: ['notes'],
  confirmReceipt: ['signedBy'],
  recordFollowUp: [
    'method',
    'inUse',
    'useFrequency',
    'productSatisfaction',
    'serviceSatisfaction',
    'problems',
    'repairNeeded',
  ],
};

/** Where a form shows a problem that belongs to none of its fields (the budget, an open follow-up). */
export const problemField = 'problem';

/** The id of a field of one command's form: several forms share a page, and may share field names. */
export const fieldId = (command: FormCommand, field: string) => `${command}-${field}`;

/**
 * The lines of a prescription form that name a product, by their place on
 * the form: a line left on "choose a product" is not part of the prescription.
 */
export const chosenLines = (body: FormValues): number[] =>
  lineNumbers.filter((line) => trimmed(body[productField(line)]) !== '');

/** How many lines the prescription form was sent with (at least one): it comes back with as many. */
export const linesSent = (body: FormValues): number =>
  Math.max(
    1,
    ...lineNumbers
      .filter((line) => body[productField(line)] !== undefined || body[quantityField(line)] !== undefined)
      .map((line) => line + 1),
  );

/**
 * The form field a problem belongs to. The service numbers a prescription's
 * lines among those sent (`line0` is the first line naming a product, which
 * may be the form's second) or names the list of lines; the recommended items
 * it does not know can only have been typed.
 */
export function formFieldOf(command: FormCommand, field: string, key: string, body: FormValues = {}): string {
  if (command === 'prescribe' && (field === 'lines' || /^line\d+$/.test(field))) {
    const line = chosenLines(body)[field === 'lines' ? 0 : Number(field.slice('line'.length))] ?? 0;
    return key === 'quantity' ? quantityField(line) : productField(line);
  }
  if (command === 'recordAssessment' && field === 'recommendedItemCodes') return 'otherItemCodes';
  return commandFields[command].includes(field) ? field : problemField;
}

const oneOf = <T extends string>(values: readonly T[], value: string): value is T =>
  (values as readonly string[]).includes(value);

const yesNo = (value: string): boolean | undefined =>
  value === 'yes' ? true : value === 'no' ? false : undefined;

const halfWidthDigits = (value: string) =>
  value.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** YYYY-MM-DD naming a day that exists (not 2026-02-30). */
function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

const itemCodePattern = /^[0-9]{6,10}$/;

/** Item codes typed as a list: spaces, commas or the Chinese enumeration comma between them. */
export const itemCodesOf = (text: string): string[] =>
  halfWidthDigits(text)
    .split(/[\s,，、;；]+/)
    .filter((code) => code !== '');

type PrescribedLine = Extract<CommandInput, { command: 'prescribe' }>['lines'][number];

export type ReadCommand =
  | { input: CommandInput; problems: [] }
  | { input: undefined; problems: FormProblem[] };

/** The command from its form, or every mistake found on it. */
export function readCommandForm(command: FormCommand, body: FormValues): ReadCommand {
  const problems: FormProblem[] = [];
  const text = (field: string) => trimmed(body[field]);
  const need = (field: string): string => {
    const value = text(field);
    if (value === '') problems.push({ field, key: 'required' });
    return value;
  };
  const choice = <T extends string>(field: string, values: readonly T[]): T | undefined => {
    const value = need(field);
    if (value === '') return undefined;
    if (oneOf(values, value)) return value;
    problems.push({ field, key: 'invalid' });
    return undefined;
  };
  const yes = (field: string): boolean | undefined => {
    const value = need(field);
    const answer = yesNo(value);
    if (value !== '' && answer === undefined) problems.push({ field, key: 'invalid' });
    return answer;
  };
  const done = (input: CommandInput): ReadCommand =>
    problems.length === 0 ? { input, problems: [] } : { input: undefined, problems };

  switch (command) {
    case 'confirmEligibility': {
      const rules = asList(body.overrideRule);
      const reasons = asList(body.overrideReason);
      // A rule left blank is not set aside; the service refuses a reason for a rule that is met.
      const overrides = rules
        .map((rule, index) => ({ rule: rule as RuleId, reason: (reasons[index] ?? '').trim() }))
        .filter((o) => o.reason !== '');
      return done({ command, overrides });
    }
    case 'returnForCorrection':
    case 'reject':
    case 'appeal':
    case 'upholdAppeal':
    case 'dismissAppeal':
      return done({ command, reason: need('reason') });
    case 'withdraw':
      return done({ command, reason: text('reason') });
    case 'resubmit': {
      const places = asList(body.usePlaces);
      if (places.length === 0) problems.push({ field: 'usePlaces', key: 'required' });
      else if (!places.every((p) => oneOf(usePlaces, p)))
        problems.push({ field: 'usePlaces', key: 'invalid' });
      const other = yes('suppliedByOtherScheme');
      const reason = need('reason');
      return done({ command, usePlaces: places, suppliedByOtherScheme: other ?? false, reason });
    }
    case 'scheduleAssessment': {
      const mode = choice('mode', ['on_site', 'remote'] as const);
      const scheduledOn = halfWidthDigits(need('scheduledOn'));
      // The service checks the date too; checked here as well, the form names all its mistakes at once.
      if (scheduledOn !== '' && !isCalendarDay(scheduledOn))
        problems.push({ field: 'scheduledOn', key: 'date' });
      return done({ command, mode: mode ?? 'on_site', scheduledOn });
    }
    case 'recordAssessment': {
      const area = choice('functionArea', functionAreas);
      // Without JavaScript every area's fields are on the form: only the chosen area's are read.
      const measurements: Record<string, string> = {};
      for (const m of area === undefined ? [] : measurementsByArea[area])
        measurements[m.key] = halfWidthDigits(text(measurementField(m.key)));
      if (area !== undefined)
        for (const [key, problem] of Object.entries(readMeasurements(area, measurements).problems))
          problems.push({ field: measurementField(key), key: `measurement_${problem}` });
      const findings = need('findings');
      const ticked = asList(body.recommendedItems);
      if (ticked.some((code) => !itemCodePattern.test(code)))
        problems.push({ field: 'recommendedItems', key: 'invalid' });
      const typed = itemCodesOf(text('otherItemCodes'));
      if (typed.some((code) => !itemCodePattern.test(code)))
        problems.push({ field: 'otherItemCodes', key: 'itemCodes' });
      return done({
        command,
        functionArea: area ?? ('mobility' satisfies FunctionArea),
        measurements,
        findings,
        recommendedItemCodes: [...new Set([...ticked, ...typed])],
      });
    }
    case 'prescribe': {
      const read = readPrescription(body);
      problems.push(...read.problems);
      return done({ command, lines: read.lines });
    }
    case 'approve':
    case 'startFitting':
    case 'close':
      return done({ command });
    case 'recordDelivery':
      return done({ command, serialNumber: need('serialNumber'), notes: text('notes') });
    case 'recordTraining':
      return done({ command, notes: need('notes') });
    case 'confirmReceipt':
      return done({ command, signedBy: choice('signedBy', ['person', 'proxy'] as const) ?? 'person' });
    case 'recordFollowUp': {
      const method = choice('method', followUpMethods);
      const inUse = yes('inUse');
      const useFrequency = choice('useFrequency', useFrequencies);
      const satisfaction = (field: string) => {
        const value = need(field);
        if (value !== '' && !/^[1-5]$/.test(value)) problems.push({ field, key: 'satisfaction' });
        return Number(value);
      };
      const productSatisfaction = satisfaction('productSatisfaction');
      const serviceSatisfaction = satisfaction('serviceSatisfaction');
      const problemsSeen = asList(body.problems);
      if (!problemsSeen.every((p) => oneOf(followUpProblems, p)))
        problems.push({ field: 'problems', key: 'invalid' });
      const repairNeeded = yes('repairNeeded');
      return done({
        command,
        method: method ?? 'phone',
        inUse: inUse ?? false,
        useFrequency: useFrequency ?? 'never',
        productSatisfaction,
        serviceSatisfaction,
        problems: problemsSeen.filter((p) => oneOf(followUpProblems, p)),
        repairNeeded: repairNeeded ?? false,
      });
    }
  }
}

/**
 * The lines naming a product, in the form's order. One product twice is
 * refused on its second line: the quantity says how many.
 */
function readPrescription(body: FormValues): { lines: PrescribedLine[]; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const chosen = chosenLines(body);
  if (chosen.length === 0) problems.push({ field: productField(0), key: 'required' });
  const seen = new Set<string>();
  const lines = chosen.map((line) => {
    const [itemCode = '', productId = ''] = trimmed(body[productField(line)]).split(':');
    if (seen.has(productId)) problems.push({ field: productField(line), key: 'duplicateProduct' });
    seen.add(productId);
    const field = quantityField(line);
    const quantityText = halfWidthDigits(trimmed(body[field]));
    const quantity = /^\d{1,3}$/.test(quantityText) ? Number(quantityText) : undefined;
    if (quantityText === '') problems.push({ field, key: 'required' });
    else if (quantity === undefined || quantity < 1) problems.push({ field, key: 'wholeNumber' });
    return { itemCode, productId, quantity: quantity ?? 1 };
  });
  return { lines, problems };
}
