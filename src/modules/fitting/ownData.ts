import type { Keyring } from '../../platform/crypto/index.ts';
import { type Db, sql } from '../../platform/db/index.ts';
import { formatDateTime, formatYuan, type Locale } from '../../platform/i18n/index.ts';
import { type OwnDataRecord, type OwnDataSection, ownField } from '../../platform/module.ts';
import { personOfUser } from '../people/index.ts';
import { findCase } from './caseRepo.ts';
import { fittingOwnDataMessages } from './ownDataMessages.ts';
import { itemTitle, measurementText } from './pages/caseSections.tsx';
import { type CaseView, loadCaseView } from './pages/caseView.ts';
import {
  actorRoleText,
  commandText,
  fittingLabels,
  nextStepText,
  ruleText,
  statusText,
  verdictText,
} from './pages/labels.ts';
import { fittingPageMessages } from './pages/messages.ts';
import { latestNotices } from './pages/notificationsRepo.ts';
import { dayText, inLocale } from './pages/shared.tsx';

/** One case as its applicant sees it, every step's facts in words; who on the staff did what is left out. */
function caseRecord(view: CaseView, locale: Locale): OwnDataRecord {
  const t = fittingPageMessages.for(locale);
  const l = fittingLabels.for(locale);
  const list = (words: readonly string[]) =>
    words.length === 0 ? t('none') : words.join(t('listSeparator'));
  const day = (value: string | null) => (value === null ? t('notYet') : dayText(value, locale));
  const yuan = (fen: number) => formatYuan(fen, locale);
  const c = view.case;
  const a = view.application;
  const e = view.eligibility;
  const s = view.assessment;
  const d = view.delivery;
  const productName = (id: string) => {
    const p = view.products.get(id);
    return p === undefined ? id : inLocale(locale, p.nameZh, p.nameEn);
  };
  return {
    heading: `${c.reference} ${itemTitle(locale, view)}`,
    fields: [
      ownField('reference', t('colReference'), c.reference),
      ownField('item', t('colItem'), c.itemCode, itemTitle(locale, view)),
      ownField('status', t('colStatus'), c.status, statusText(l, c.status)),
      ownField('nextStep', t('colNext'), nextStepText(l, c.status)),
      ownField(
        'submittedAt',
        t('submittedAt'),
        c.createdAt.toISOString(),
        formatDateTime(c.createdAt, locale),
      ),
      ownField('policyYear', t('policyYear'), c.policyYear),
      ownField(
        'usePlaces',
        t('fieldUsePlaces'),
        a?.usePlaces ?? [],
        list((a?.usePlaces ?? []).map((p) => l(`place_${p as 'home'}`))),
      ),
      ownField(
        'suppliedByOtherScheme',
        t('fieldOtherScheme'),
        a?.suppliedByOtherScheme ?? null,
        a === undefined ? '—' : a.suppliedByOtherScheme ? t('yes') : t('no'),
      ),
      ownField('reason', t('fieldReason'), a?.reason ?? null),
      ownField(
        'eligibility',
        t('eligibilityHeading'),
        e === undefined
          ? null
          : e.results.map((r) => ({ rule: r.rule, clause: r.clause, verdict: r.verdict })),
        e === undefined
          ? t('notYet')
          : list(e.results.map((r) => `${ruleText(l, r.rule)}：${verdictText(l, r.verdict)}`)),
      ),
      ownField(
        'assessmentArea',
        t('assessmentArea'),
        s?.functionArea ?? null,
        s?.functionArea ? l(`area_${s.functionArea}`) : t('notYet'),
      ),
      ownField('assessedOn', t('assessedOn'), s?.assessedOn ?? null, day(s?.assessedOn ?? null)),
      ownField(
        'measurements',
        t('measurementsHeading'),
        view.findings?.measurements ?? null,
        view.findings === null
          ? t('notYet')
          : list(
              Object.entries(view.findings.measurements).map(
                ([key, value]) => `${measurementText(l, key)}：${value}`,
              ),
            ),
      ),
      ownField('findings', t('findingsHeading'), view.findings?.findings ?? null),
      ownField(
        'prescription',
        t('prescriptionHeading'),
        view.prescription.map((p) => ({
          itemCode: p.itemCode,
          productId: p.productId,
          quantity: p.quantity,
          priceFen: p.priceFen,
          subsidyFen: p.subsidyFen,
          selfPaidFen: p.selfPaidFen,
        })),
        view.prescription.length === 0
          ? t('notYet')
          : list(
              view.prescription.map(
                (p) =>
                  `${productName(p.productId)} × ${p.quantity}：${t('colSubsidy')} ${yuan(p.subsidyFen)}，${t('colSelfPaid')} ${yuan(p.selfPaidFen)}`,
              ),
            ),
      ),
      ownField('serialNumber', t('serialNumber'), d?.serialNumber ?? null),
      ownField('deliveredOn', t('deliveredOn'), d?.deliveredOn ?? null, day(d?.deliveredOn ?? null)),
      ownField('fittingNotes', t('fittingNotes'), d?.fittingNotes ?? null),
      ownField('confirmedOn', t('confirmedOn'), d?.confirmedOn ?? null, day(d?.confirmedOn ?? null)),
      ownField('trainedOn', t('trainedOn'), d?.trainedOn ?? null, day(d?.trainedOn ?? null)),
      ownField('trainingNotes', t('trainingNotes'), d?.trainingNotes ?? null),
    ],
  };
}

/** Each follow-up: when it was due and done, and what the person said. */
function followUpRecords(view: CaseView, locale: Locale): OwnDataRecord[] {
  const t = fittingPageMessages.for(locale);
  const l = fittingLabels.for(locale);
  const yesNo = (value: boolean | null) => (value === null ? '—' : value ? t('yes') : t('no'));
  return view.followUps.map((f) => ({
    heading: `${view.case.reference} ${t('monthN', { month: f.month })}`,
    fields: [
      ownField('reference', t('colReference'), view.case.reference),
      ownField('month', t('colFollowUp'), f.month, t('monthN', { month: f.month })),
      ownField('dueOn', t('colDue'), f.dueOn, dayText(f.dueOn, locale)),
      ownField('doneOn', t('colDone'), f.doneOn, f.doneOn === null ? t('notYet') : dayText(f.doneOn, locale)),
      ownField('method', t('colMethod'), f.method, f.method === null ? '—' : l(`method_${f.method}`)),
      ownField('inUse', t('colInUse'), f.inUse, yesNo(f.inUse)),
      ownField(
        'useFrequency',
        t('colFrequency'),
        f.useFrequency,
        f.useFrequency === null ? '—' : l(`frequency_${f.useFrequency}`),
      ),
      ownField('productSatisfaction', t('fieldProductSatisfaction'), f.productSatisfaction),
      ownField('serviceSatisfaction', t('fieldServiceSatisfaction'), f.serviceSatisfaction),
      ownField(
        'problems',
        t('colProblems'),
        f.problems,
        f.problems.length === 0
          ? t('none')
          : f.problems.map((p) => l(`problem_${p}`)).join(t('listSeparator')),
      ),
      ownField('repairNeeded', t('colRepair'), f.repairNeeded, yesNo(f.repairNeeded)),
    ],
  }));
}

/**
 * The fitting module's part of a resident's own export: their cases with
 * every step, the follow-ups, the history (the part that acted, not the
 * staff member: that is someone else's data) and their notices.
 */
export async function fittingOwnData(
  deps: { readonly db: Db; readonly keyring: Keyring },
  userId: string,
  locale: Locale,
): Promise<OwnDataSection[]> {
  const t = fittingPageMessages.for(locale);
  const l = fittingLabels.for(locale);
  const o = fittingOwnDataMessages.for(locale);
  const person = await personOfUser(deps.db, userId);
  const ids =
    person === null
      ? []
      : await deps.db.query<{ id: string }>(
          sql`select id from fitting_case where person_id = ${person.id} order by created_at, reference`,
        );
  const views: CaseView[] = [];
  for (const { id } of ids) {
    const found = await findCase(deps.db, id);
    // The applicant's view: what the person wrote and what was found about them are theirs to see.
    if (found && person)
      views.push(
        await loadCaseView(deps.db, deps.keyring, {
          case: found,
          person,
          roles: ['applicant'],
          commands: [],
        }),
      );
  }
  const notices = await latestNotices(deps.db, userId, 1000);
  return [
    {
      key: 'fittingCases',
      heading: t('myCasesCaption'),
      records: views.map((view) => caseRecord(view, locale)),
    },
    {
      key: 'fittingFollowUps',
      heading: t('followUpsHeading'),
      records: views.flatMap((view) => followUpRecords(view, locale)),
    },
    {
      key: 'fittingHistory',
      heading: t('timelineHeading'),
      records: views.flatMap((view) =>
        view.timeline.map((entry) => ({
          heading: `${view.case.reference} ${formatDateTime(entry.at, locale)}`,
          fields: [
            ownField('reference', t('colReference'), view.case.reference),
            ownField('at', o('at'), entry.at.toISOString(), formatDateTime(entry.at, locale)),
            ownField('step', o('step'), entry.command, commandText(l, entry.command)),
            ownField('part', o('part'), entry.actorRole, actorRoleText(l, entry.actorRole)),
            ownField('note', o('note'), entry.note),
          ],
        })),
      ),
    },
    {
      key: 'caseNotices',
      heading: t('noticesHeading'),
      records: notices.map((n) => ({
        heading: `${n.reference} ${formatDateTime(n.createdAt, locale)}`,
        fields: [
          ownField('reference', t('colReference'), n.reference),
          ownField('at', o('at'), n.createdAt.toISOString(), formatDateTime(n.createdAt, locale)),
          ownField('status', t('colStatus'), n.statusAfter, statusText(l, n.statusAfter)),
          ownField('unread', o('unread'), !n.read, n.read ? t('no') : t('yes')),
        ],
      })),
    },
  ];
}
