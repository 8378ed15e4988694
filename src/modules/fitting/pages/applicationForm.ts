import type { NewApplication } from '../caseService.ts';
import { usePlaces } from '../caseService.ts';
import type { FormProblem } from './commandForm.ts';
import { asList, trimmed } from './shared.tsx';

/** The application form as typed, so a refused form shows exactly what was entered. */
export interface ApplicationForm {
  readonly itemCode: string;
  readonly usePlaces: readonly string[];
  readonly suppliedByOtherScheme: string;
  readonly reason: string;
  readonly signedBy: string;
  readonly proxyGuardianId: string;
  /** Made when the form is first shown: the same form sent twice opens one case. */
  readonly idempotencyKey: string;
}

export const emptyApplicationForm = (idempotencyKey: string): ApplicationForm => ({
  itemCode: '',
  usePlaces: [],
  suppliedByOtherScheme: '',
  reason: '',
  signedBy: 'person',
  proxyGuardianId: '',
  idempotencyKey,
});

export const maxReason = 2000;

export function applicationFormOf(body: Readonly<Record<string, unknown>>): ApplicationForm {
  return {
    itemCode: trimmed(body.itemCode),
    usePlaces: asList(body.usePlaces),
    suppliedByOtherScheme: trimmed(body.suppliedByOtherScheme),
    reason: trimmed(body.reason),
    signedBy: trimmed(body.signedBy),
    proxyGuardianId: trimmed(body.proxyGuardianId),
    idempotencyKey: trimmed(body.idempotencyKey),
  };
}

const oneOf = (values: readonly string[], value: string) => values.includes(value);

/**
 * The application from its form, or every mistake the form can see: the
 * service then checks the person's consent, the catalog and the proxy.
 */
export function readApplicationForm(
  form: ApplicationForm,
  personId: string,
  proxyIds: readonly string[],
): { application: NewApplication; problems: [] } | { application: undefined; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  if (form.itemCode === '') problems.push({ field: 'itemCode', key: 'required' });
  if (form.usePlaces.length === 0) problems.push({ field: 'usePlaces', key: 'required' });
  else if (!form.usePlaces.every((p) => oneOf(usePlaces, p)))
    problems.push({ field: 'usePlaces', key: 'invalid' });
  if (!oneOf(['yes', 'no'], form.suppliedByOtherScheme))
    problems.push({ field: 'suppliedByOtherScheme', key: 'required' });
  if (form.reason === '') problems.push({ field: 'reason', key: 'required' });
  else if ([...form.reason].length > maxReason) problems.push({ field: 'reason', key: 'tooLong' });
  if (!oneOf(['person', 'proxy'], form.signedBy)) problems.push({ field: 'signedBy', key: 'required' });
  else if (form.signedBy === 'proxy' && proxyIds.length === 0)
    problems.push({ field: 'signedBy', key: 'proxyUnknown' });
  else if (form.signedBy === 'proxy' && !proxyIds.includes(form.proxyGuardianId))
    problems.push({ field: 'proxyGuardianId', key: 'required' });
  if (problems.length > 0) return { application: undefined, problems };
  return {
    application: {
      personId,
      itemCode: form.itemCode,
      usePlaces: form.usePlaces,
      suppliedByOtherScheme: form.suppliedByOtherScheme === 'yes',
      reason: form.reason,
      signedBy: form.signedBy === 'proxy' ? 'proxy' : 'person',
      proxyGuardianId: form.signedBy === 'proxy' ? form.proxyGuardianId : null,
      // A key too short or long to be one the form made is no key: the request is not deduplicated.
      idempotencyKey: /^[0-9a-f-]{36}$/.test(form.idempotencyKey) ? form.idempotencyKey : null,
    },
    problems: [],
  };
}
