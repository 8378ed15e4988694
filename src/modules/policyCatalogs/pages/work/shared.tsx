import type { Locale } from '../../../../platform/i18n/index.ts';
import { type BreadcrumbItem, SummaryList, shellMessages } from '../../../../platform/ui/index.ts';
import type { ProductSummary } from '../../../catalog/index.ts';
import type { Admission, AdmissionEvidence } from '../../admissionsRepo.ts';
import { inLocale, productName } from '../shared.tsx';
import { admissionWorkMessages, type WorkT } from './messages.ts';

/** The product as a select shows it: its name and model, so two generations can be told apart. */
export const productOption = (locale: Locale, p: ProductSummary) =>
  p.model.trim() === '' ? productName(locale, p) : `${productName(locale, p)} (${p.model})`;

/** The item an application is for: "code name". */
export const itemText = (locale: Locale, a: Admission) =>
  `${a.itemCode} ${inLocale(locale, a.itemNameZh, a.itemNameEn)}`;

/** "企业产品 › 目录准入申请": the breadcrumbs above a supplier's application and its form. */
export const applicationsCrumbs = (locale: Locale): BreadcrumbItem[] => [
  { text: shellMessages.for(locale)('navSupplier'), href: '/supplier/products' },
  { text: admissionWorkMessages.for(locale)('supplierListTitle'), href: '/supplier/admissions' },
];

/** The evidence as the applicant submitted it (shown to the applicant and to the panel alike). */
export function EvidenceList({ t, evidence }: { t: WorkT; evidence: AdmissionEvidence }) {
  const none = <span>{t('none')}</span>;
  return (
    <SummaryList
      rows={[
        {
          key: t('fieldRegistration'),
          value: evidence.registrationNumber.trim() === '' ? none : evidence.registrationNumber,
        },
        {
          key: t('evidenceReports'),
          value:
            evidence.testReports.length === 0 ? (
              none
            ) : (
              <ul class="fj-list">
                {evidence.testReports.map((report) => (
                  <li key={report.url}>
                    {/* Only an https address becomes a link: evidence may also come in through the API. */}
                    {report.url.startsWith('https://') ? (
                      <a href={report.url} rel="noopener noreferrer">
                        {report.title}
                      </a>
                    ) : (
                      `${report.title} (${report.url})`
                    )}
                  </li>
                ))}
              </ul>
            ),
        },
        { key: t('fieldParticipants'), value: t('participantsCount', { count: evidence.trialParticipants }) },
        {
          key: t('fieldTrialSummary'),
          value: <p class="fj-body">{evidence.trialSummary}</p>,
        },
      ]}
    />
  );
}
