import { formatDateTime, formatYuan, type Locale } from '../../../platform/i18n/index.ts';
import { FreeText, FreeTextBlock, SummaryList, Table, Timeline } from '../../../platform/ui/index.ts';
import type { ProjectAction } from '../projectRepo.ts';
import { commandText, decisionText, nextText, partText, researchLabels, statusText } from './labels.ts';
import { researchMessages } from './messages.ts';
import type { ProjectView } from './projectView.ts';
import { challengeHref, dayText, inLocale, OrganisationName, TopicLinks, trlFull } from './shared.tsx';

/** The read-only parts of a project page, one section each. */

interface SectionProps {
  readonly locale: Locale;
  readonly view: ProjectView;
}

/** Where the project stands, what happens next, who does it and with what. */
export function ProjectSummary({ locale, view }: SectionProps) {
  const t = researchMessages.for(locale);
  const l = researchLabels.for(locale);
  const p = view.project;
  return (
    <SummaryList
      rows={[
        { key: t('colReference'), value: p.reference },
        // Words, not a tag: a tag never wraps, and a long status would be cut off on a narrow screen.
        { key: t('colStatus'), value: <strong>{statusText(l, p.status)}</strong> },
        { key: t('colNext'), value: nextText(l, p.status) },
        {
          key: t('colOrganisation'),
          value: <OrganisationName locale={locale} zh={p.organisationNameZh} en={p.organisationNameEn} />,
        },
        { key: t('colTeam'), value: <FreeTextBlock locale={locale} text={p.team} /> },
        {
          key: t('colChallenge'),
          value: view.challenge ? (
            <a href={challengeHref(view.challenge.id)}>
              {view.challenge.reference} <FreeText locale={locale} text={view.challenge.title} />
            </a>
          ) : (
            t('noChallengeAnswered')
          ),
        },
        {
          key: t('colTopics'),
          value: <TopicLinks locale={locale} ids={p.needTopicIds} topics={view.topics} />,
        },
        { key: t('colTrlNow'), value: trlFull(locale, p.trlNow) },
        { key: t('colTrlTarget'), value: trlFull(locale, p.trlTarget) },
        { key: t('colBudget'), value: formatYuan(p.budgetFen, locale) },
        {
          key: t('colPeriod'),
          value: t('period', { from: dayText(p.startsOn, locale), to: dayText(p.endsOn, locale) }),
        },
        ...(p.fundedFen === null
          ? []
          : [
              {
                key: t('colFunding'),
                value: (
                  <>
                    {formatYuan(p.fundedFen, locale)}
                    {t('fundedFrom')}
                    <FreeText locale={locale} text={p.fundingSource ?? ''} />
                  </>
                ),
              },
            ]),
        { key: t('colProposedAt'), value: formatDateTime(p.createdAt, locale) },
      ]}
    />
  );
}

export function AboutSection({ locale, view }: SectionProps) {
  const t = researchMessages.for(locale);
  return (
    <>
      <h2 class="fj-heading-m">{t('summaryHeading')}</h2>
      <FreeTextBlock locale={locale} text={view.project.summary} />
      <h2 class="fj-heading-m">{t('expectedResultsHeading')}</h2>
      <FreeTextBlock locale={locale} text={view.project.expectedResults} />
    </>
  );
}

/** What a completed project achieved: in words, and as products, patents and standards where it has them. */
export function ResultsSection({ locale, view }: SectionProps) {
  const t = researchMessages.for(locale);
  const p = view.project;
  if (p.status !== 'completed') return null;
  const completion = view.actions.findLast((a) => a.command === 'complete');
  return (
    <section aria-labelledby="results-heading">
      <h2 class="fj-heading-m" id="results-heading">
        {t('resultsHeading')}
      </h2>
      {completion?.note && <FreeTextBlock locale={locale} text={completion.note} />}
      <SummaryList
        rows={[
          {
            key: t('colResultProducts'),
            value:
              view.resultProducts.length === 0 ? (
                t('none')
              ) : (
                <ul class="fj-list">
                  {view.resultProducts.map((product) => (
                    <li key={product.id}>
                      <a href={`/products/${product.id}`}>
                        {inLocale(locale, product.nameZh, product.nameEn)}
                        {product.model === '' ? '' : ` ${product.model}`}
                      </a>
                    </li>
                  ))}
                </ul>
              ),
          },
          {
            key: t('colResultPatents'),
            value: p.resultPatents ? <FreeTextBlock locale={locale} text={p.resultPatents} /> : t('none'),
          },
          {
            key: t('colResultStandards'),
            value: p.resultStandards ? <FreeTextBlock locale={locale} text={p.resultStandards} /> : t('none'),
          },
        ]}
      />
    </section>
  );
}

export function MilestonesSection({ locale, view }: SectionProps) {
  const t = researchMessages.for(locale);
  if (view.milestones.length === 0 && view.project.status !== 'in_progress') return null;
  return (
    <section aria-labelledby="milestones-heading">
      <h2 class="fj-heading-m" id="milestones-heading">
        {t('milestonesHeading')}
      </h2>
      {view.milestones.length === 0 ? (
        <p class="fj-body">{t('noMilestones')}</p>
      ) : (
        <Table
          id="milestones"
          caption={t('milestonesCaption')}
          captionVisuallyHidden
          firstCellIsHeader
          columns={[{ header: t('colMilestone') }, { header: t('colDueOn') }, { header: t('colDoneOn') }]}
          rows={view.milestones.map((m) => [
            {
              content: (
                <>
                  <FreeText locale={locale} text={m.title} />
                  {m.note && (
                    <>
                      {t('noteIs')}
                      <FreeText locale={locale} text={m.note} />
                    </>
                  )}
                </>
              ),
            },
            dayText(m.dueOn, locale),
            m.doneOn === null ? t('notDone') : dayText(m.doneOn, locale),
          ])}
        />
      )}
    </section>
  );
}

/**
 * What was done, when and by which side. Notes, scores and opinions are the
 * team's and the city's: a public reader sees the steps and their dates.
 */
export function TimelineSection({ locale, view }: SectionProps) {
  const t = researchMessages.for(locale);
  const l = researchLabels.for(locale);
  const insider = view.parts.length > 0;
  return (
    <Timeline
      heading={t('timelineHeading')}
      entries={view.actions.map((a) => ({
        key: a.id,
        text: t('timelineEntry', {
          at: formatDateTime(a.at, locale),
          command: commandText(l, a.command),
          part: a.part === null ? t('partUnknown') : partText(l, a.part),
        }),
        detail: insider && <ActionDetail locale={locale} action={a} />,
      }))}
    />
  );
}

function ActionDetail({ locale, action }: { locale: Locale; action: ProjectAction }) {
  const t = researchMessages.for(locale);
  const l = researchLabels.for(locale);
  const { score, decision } = action.details;
  return (
    <>
      {typeof score === 'number' &&
        (decision === 'reserve' || decision === 'not_accept') &&
        t('reviewDetail', { score, decision: decisionText(l, decision) })}
      {action.note && (
        <>
          {t('noteIs')}
          <FreeText locale={locale} text={action.note} />
        </>
      )}
    </>
  );
}
