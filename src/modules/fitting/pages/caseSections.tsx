import { formatDateTime, formatYuan, type Locale } from '../../../platform/i18n/index.ts';
import {
  FreeText,
  FreeTextBlock,
  SummaryList,
  Table,
  type TableCell,
  Timeline,
} from '../../../platform/ui/index.ts';
import type { Measurement } from '../domain/assessment.ts';
import { measurementsByArea } from '../domain/assessment.ts';
import { prescriptionTotals } from '../domain/prescription.ts';
import type { CaseView } from './caseView.ts';
import {
  actorRoleText,
  commandText,
  fittingLabels,
  nextStepText,
  ruleText,
  statusText,
  verdictText,
} from './labels.ts';
import { fittingPageMessages, type PageT } from './messages.ts';
import { DueText, dayText, inLocale } from './shared.tsx';

/** The read-only parts of a case page, one section each, in the order the work happens. */

type L = ReturnType<typeof fittingLabels.for>;

interface SectionProps {
  readonly locale: Locale;
  readonly view: CaseView;
}

export const measurementText = (l: L, key: string) =>
  fittingLabels.has(`m_${key}`) ? l(`m_${key}` as 'm_seat_width') : key;

export const itemTitle = (locale: Locale, view: CaseView) =>
  view.item
    ? `${view.case.itemCode} ${inLocale(locale, view.item.item.nameZh, view.item.item.nameEn)}`
    : view.case.itemCode;

const groupText = (t: PageT, group: CaseView['case']['applicantGroup']) => t(`group_${group}`);

/** Where the case stands, what happens next and by when, and whom to ask. */
export function CaseSummary({ locale, view, today }: SectionProps & { today: string }) {
  const t = fittingPageMessages.for(locale);
  const l = fittingLabels.for(locale);
  const c = view.case;
  const contacts = view.contacts.map((o) => inLocale(locale, o.nameZh, o.nameEn)).join(t('listSeparator'));
  return (
    <SummaryList
      rows={[
        { key: t('colReference'), value: c.reference },
        // Words, not a tag: a tag never wraps, and a long status would be cut off on a narrow screen.
        { key: t('colStatus'), value: <strong>{statusText(l, c.status)}</strong> },
        { key: t('colNext'), value: nextStepText(l, c.status) },
        { key: t('colDue'), value: <DueText locale={locale} dueOn={c.dueOn} today={today} /> },
        { key: t('colItem'), value: itemTitle(locale, view) },
        { key: t('policyYear'), value: String(c.policyYear) },
        { key: t('applicantGroup'), value: groupText(t, c.applicantGroup) },
        { key: t('submittedAt'), value: formatDateTime(c.createdAt, locale) },
        { key: t('contact'), value: contacts === '' ? t('contactUnknown') : contacts },
      ]}
    />
  );
}

export function PersonSection({ locale, view }: SectionProps) {
  const t = fittingPageMessages.for(locale);
  return (
    <section aria-labelledby="person-heading">
      <h2 class="fj-heading-m" id="person-heading">
        {t('personHeading')}
      </h2>
      <SummaryList
        rows={[
          { key: t('personName'), value: <FreeText locale={locale} text={view.maskedName} /> },
          { key: t('personResidentId'), value: view.maskedResidentId },
        ]}
      />
    </section>
  );
}

/** What the applicant gave: where the product is used, other schemes, their reason (when shown) and who signed. */
export function applicationRows(locale: Locale, view: CaseView) {
  const t = fittingPageMessages.for(locale);
  const l = fittingLabels.for(locale);
  const a = view.application;
  if (a === undefined) return [];
  const proxy = view.person.proxies.find((p) => p.id === a.proxyGuardianId);
  return [
    {
      key: t('fieldUsePlaces'),
      value: a.usePlaces
        .map((p) => (fittingLabels.has(`place_${p}`) ? l(`place_${p}` as 'place_home') : p))
        .join(t('listSeparator')),
    },
    { key: t('fieldOtherScheme'), value: a.suppliedByOtherScheme ? t('yes') : t('no') },
    ...(a.reason === null
      ? []
      : [{ key: t('fieldReason'), value: <FreeTextBlock locale={locale} text={a.reason} /> }]),
    {
      key: t('fieldSignedBy'),
      value:
        a.signedBy === 'proxy' && proxy
          ? t('signedByProxyNamed', { name: proxy.maskedName })
          : l(`signedBy_${a.signedBy}`),
    },
  ];
}

export function ApplicationSection({ locale, view }: SectionProps) {
  const t = fittingPageMessages.for(locale);
  const a = view.application;
  if (a === undefined) return null;
  return (
    <section aria-labelledby="application-heading">
      <h2 class="fj-heading-m" id="application-heading">
        {t('applicationHeading')}
      </h2>
      <SummaryList
        rows={[{ key: t('channel'), value: t(`channel_${a.channel}`) }, ...applicationRows(locale, view)]}
      />
    </section>
  );
}

const evidenceText = (evidence: Readonly<Record<string, string | number | boolean | null>>) =>
  Object.entries(evidence)
    .map(([key, value]) => `${key}: ${value === null ? '—' : String(value)}`)
    .join('; ');

export function EligibilitySection({ locale, view }: SectionProps) {
  const t = fittingPageMessages.for(locale);
  const l = fittingLabels.for(locale);
  const e = view.eligibility;
  if (e === undefined) return null;
  const reasons = new Map(e.overrides.map((o) => [o.rule, o.reason]));
  return (
    <section aria-labelledby="eligibility-heading">
      <h2 class="fj-heading-m" id="eligibility-heading">
        {t('eligibilityHeading')}
      </h2>
      <p class="fj-body">
        {t('eligibilitySummary', {
          at: formatDateTime(e.checkedAt, locale),
          version: e.ruleSetVersion,
          outcome: e.eligible ? t('eligibleYes') : t('eligibleNo'),
        })}
      </p>
      <Table
        id="eligibility"
        caption={t('eligibilityCaption')}
        captionSize="s"
        firstCellIsHeader
        columns={[
          { header: t('colRule') },
          { header: t('colClause') },
          { header: t('colVerdict') },
          { header: t('colEvidence') },
        ]}
        rows={e.results.map((r): TableCell[] => {
          const reason = reasons.get(r.rule);
          return [
            ruleText(l, r.rule),
            { content: <FreeText locale={locale} text={r.clause} /> },
            {
              content: (
                <>
                  {verdictText(l, r.verdict)}
                  {reason !== undefined && (
                    <>
                      {' — '}
                      <strong>{t('overridden')}</strong>
                      {t('overrideReasonIs')}
                      <FreeText locale={locale} text={reason} />
                    </>
                  )}
                </>
              ),
            },
            { content: <code class="fj-code--break">{evidenceText(r.evidence)}</code> },
          ];
        })}
      />
    </section>
  );
}

export function AssessmentSection({ locale, view }: SectionProps) {
  const t = fittingPageMessages.for(locale);
  const l = fittingLabels.for(locale);
  const a = view.assessment;
  if (a === undefined || !view.seesHealthData) return null;
  const findings = view.findings;
  const measured =
    a.functionArea === null ? [] : (measurementsByArea[a.functionArea] as readonly Measurement[]);
  return (
    <section aria-labelledby="assessment-heading">
      <h2 class="fj-heading-m" id="assessment-heading">
        {t('assessmentHeading')}
      </h2>
      <SummaryList
        rows={[
          { key: t('assessmentMode'), value: a.mode === null ? t('notYet') : l(`mode_${a.mode}`) },
          {
            key: t('assessmentScheduledOn'),
            value: a.scheduledOn === null ? t('notYet') : dayText(a.scheduledOn, locale),
          },
          {
            key: t('assessmentArea'),
            value: a.functionArea === null ? t('notYet') : l(`area_${a.functionArea}`),
          },
          {
            key: t('assessedOn'),
            value: a.assessedOn === null ? t('notYet') : dayText(a.assessedOn, locale),
          },
          {
            key: t('recommendedItems'),
            value:
              a.recommendedItemCodes.length === 0
                ? t('none')
                : a.recommendedItemCodes.join(t('listSeparator')),
          },
        ]}
      />
      {findings !== null && (
        <>
          <h3 class="fj-heading-s">{t('measurementsHeading')}</h3>
          <SummaryList
            rows={measured.map((m) => ({
              key: measurementText(l, m.key),
              value: String(findings.measurements[m.key] ?? '—'),
            }))}
          />
          <h3 class="fj-heading-s">{t('findingsHeading')}</h3>
          <FreeTextBlock locale={locale} text={findings.findings} />
        </>
      )}
    </section>
  );
}

export function PrescriptionSection({ locale, view }: SectionProps) {
  const t = fittingPageMessages.for(locale);
  if (view.prescription.length === 0) return null;
  return (
    <section aria-labelledby="prescription-heading">
      <h2 class="fj-heading-m" id="prescription-heading">
        {t('prescriptionHeading')}
      </h2>
      <PrescriptionTable locale={locale} view={view} />
    </section>
  );
}

/** Each prescribed product and what it costs whom, with a totals row. */
export function PrescriptionTable({ locale, view }: SectionProps) {
  const t = fittingPageMessages.for(locale);
  const yuan = (fen: number) => formatYuan(fen, locale);
  const totals = prescriptionTotals(view.prescription);
  const sum = (pick: (l: CaseView['prescription'][number]) => number) =>
    view.prescription.reduce((total, l) => total + pick(l), 0);
  const money = (fen: number): TableCell => ({ content: yuan(fen), numeric: true });
  return (
    <Table
      id="prescription"
      caption={t('prescriptionCaption')}
      captionSize="s"
      firstCellIsHeader
      columns={[
        { header: t('colItemCode') },
        { header: t('colProduct') },
        { header: t('colQuantity'), numeric: true },
        { header: t('colUnitPrice'), numeric: true },
        { header: t('colLinePrice'), numeric: true },
        { header: t('colCap'), numeric: true },
        { header: t('colRatio'), numeric: true },
        { header: t('colSubsidy'), numeric: true },
        { header: t('colProductPart'), numeric: true },
        { header: t('colServicePart'), numeric: true },
        { header: t('colSelfPaid'), numeric: true },
      ]}
      rows={[
        ...view.prescription.map((line): TableCell[] => {
          const product = view.products.get(line.productId);
          return [
            line.itemCode,
            product
              ? {
                  content: (
                    <>
                      <FreeText locale={locale} text={inLocale(locale, product.nameZh, product.nameEn)} />
                      {product.model !== '' && ` (${product.model})`}
                    </>
                  ),
                }
              : line.productId,
            { content: String(line.quantity), numeric: true },
            money(line.priceFen),
            money(line.priceFen * line.quantity),
            money(line.capFen),
            { content: t('percent', { value: line.ratioPercent }), numeric: true },
            money(line.subsidyFen),
            money(line.productPartFen),
            money(line.servicePartFen),
            money(line.selfPaidFen),
          ];
        }),
        [
          t('totalRow'),
          '',
          { content: String(sum((l) => l.quantity)), numeric: true },
          '',
          money(totals.priceFen),
          '',
          '',
          money(totals.subsidyFen),
          money(sum((l) => l.productPartFen)),
          money(sum((l) => l.servicePartFen)),
          money(totals.selfPaidFen),
        ],
      ]}
    />
  );
}

export function DeliverySection({ locale, view }: SectionProps) {
  const t = fittingPageMessages.for(locale);
  const l = fittingLabels.for(locale);
  const d = view.delivery;
  if (d === undefined) return null;
  const day = (value: string | null) => (value === null ? t('notYet') : dayText(value, locale));
  const notes = (text: string | null) =>
    text === null ? t('none') : <FreeTextBlock locale={locale} text={text} />;
  return (
    <section aria-labelledby="delivery-heading">
      <h2 class="fj-heading-m" id="delivery-heading">
        {t('deliveryHeading')}
      </h2>
      <SummaryList
        rows={[
          { key: t('serialNumber'), value: d.serialNumber ?? t('notYet') },
          { key: t('deliveredOn'), value: day(d.deliveredOn) },
          { key: t('fittingNotes'), value: notes(d.fittingNotes) },
          {
            key: t('confirmedOn'),
            value:
              d.confirmedOn === null
                ? t('notYet')
                : t('confirmedBy', {
                    day: dayText(d.confirmedOn, locale),
                    who: l(`signedBy_${d.confirmedBy ?? 'person'}`),
                  }),
          },
          { key: t('trainedOn'), value: day(d.trainedOn) },
          { key: t('trainingNotes'), value: notes(d.trainingNotes) },
        ]}
      />
    </section>
  );
}

export function FollowUpsSection({ locale, view }: SectionProps) {
  const t = fittingPageMessages.for(locale);
  const l = fittingLabels.for(locale);
  if (view.followUps.length === 0) return null;
  const answer = (value: string | null, text: (v: string) => string) => (value === null ? '—' : text(value));
  return (
    <section aria-labelledby="follow-ups-heading">
      <h2 class="fj-heading-m" id="follow-ups-heading">
        {t('followUpsHeading')}
      </h2>
      <Table
        id="follow-ups"
        caption={t('followUpsCaption')}
        captionSize="s"
        firstCellIsHeader
        columns={[
          { header: t('colFollowUp') },
          { header: t('colDue') },
          { header: t('colDone') },
          { header: t('colMethod') },
          { header: t('colInUse') },
          { header: t('colFrequency') },
          { header: t('colSatisfaction') },
          { header: t('colProblems') },
          { header: t('colRepair') },
        ]}
        rows={view.followUps.map((f): TableCell[] => [
          t('monthN', { month: f.month }),
          dayText(f.dueOn, locale),
          f.doneOn === null ? t('notYet') : dayText(f.doneOn, locale),
          answer(f.method, (m) => l(`method_${m as 'phone'}`)),
          f.inUse === null ? '—' : f.inUse ? t('yes') : t('no'),
          answer(f.useFrequency, (v) => l(`frequency_${v as 'daily'}`)),
          f.productSatisfaction === null
            ? '—'
            : t('satisfactionPair', {
                product: f.productSatisfaction,
                service: f.serviceSatisfaction ?? '—',
              }),
          f.problems.length === 0
            ? f.doneOn === null
              ? '—'
              : t('none')
            : f.problems.map((p) => l(`problem_${p}`)).join(t('listSeparator')),
          f.repairNeeded === null ? '—' : f.repairNeeded ? t('yes') : t('no'),
        ])}
      />
    </section>
  );
}

/** Every step so far, oldest first: when, what, and in which part. */
export function TimelineSection({ locale, view }: SectionProps) {
  const t = fittingPageMessages.for(locale);
  const l = fittingLabels.for(locale);
  return (
    <Timeline
      heading={t('timelineHeading')}
      entries={view.timeline.map((entry) => ({
        key: entry.seq,
        text: t('timelineEntry', {
          at: formatDateTime(entry.at, locale),
          command: commandText(l, entry.command),
          role: actorRoleText(l, entry.actorRole),
        }),
        detail: entry.note !== null && (
          <>
            {t('noteIs')}
            <FreeText locale={locale} text={entry.note} />
          </>
        ),
      }))}
    />
  );
}
