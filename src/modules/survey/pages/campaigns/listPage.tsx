import type { FastifyInstance } from 'fastify';
import type { ComponentChildren } from 'preact';
import { recordAudit } from '../../../../platform/audit/index.ts';
import {
  auditActor,
  mayEver,
  reach,
  type SignedInActor,
  signedIn,
  sourceAddress,
} from '../../../../platform/auth/index.ts';
import type { Db } from '../../../../platform/db/index.ts';
import { HttpError, PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import { formatDay, type Locale } from '../../../../platform/i18n/index.ts';
import { disabilityCategories } from '../../../../platform/ids/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import { Button, Table, type TableCell, Tag } from '../../../../platform/ui/index.ts';
import { listDistricts } from '../../../identity/index.ts';
import { personOfUser } from '../../../people/index.ts';
import { beijingDay } from '../../../policyCatalogs/index.ts';
import {
  type Campaign,
  campaignIdsOfWorker,
  campaignsAsking,
  campaignsWithin,
  draftCountsOf,
  openCampaignsForWorker,
  ownResponseStatuses,
  submittedCounts,
} from '../../campaignRepo.ts';
import { textIn } from '../../domain/questionnaire.ts';
import { type CampaignsT, campaignsMessages } from './messages.ts';
import { CampaignStatusTag, districtsSummary, InLocale, periodText, SurveysPage } from './shared.tsx';

/** One part of the page: a heading the section is labelled by, and what the part is for. */
function ListSection(props: { id: string; heading: string; lead: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 class="fj-heading-m" id={props.id}>
        {props.heading}
      </h2>
      <p class="fj-body">{props.lead}</p>
      {props.children}
    </section>
  );
}

/** What every part of the page is given. */
interface SectionProps {
  readonly db: Db;
  readonly actor: SignedInActor;
  readonly t: CampaignsT;
  readonly locale: Locale;
  readonly today: string;
}

/** The administrators' part: every campaign they reach, with its status and how many have answered. */
async function manageSection(props: SectionProps) {
  const { t, locale } = props;
  const scope = reach(props.actor, 'survey.manage');
  const [campaigns, counts, districts] = await Promise.all([
    campaignsWithin(props.db, scope),
    submittedCounts(props.db),
    listDistricts(props.db),
  ]);
  return (
    <ListSection id="manage" heading={t('manageHeading')} lead={t('manageLead')}>
      <Button href="/surveys/new">{t('newCampaign')}</Button>
      {campaigns.length === 0 ? (
        <p class="fj-body">{t('noCampaigns')}</p>
      ) : (
        <Table
          id="campaigns"
          caption={t('campaignsCaption')}
          captionVisuallyHidden
          firstCellIsHeader
          columns={[
            { header: t('colTitle') },
            { header: t('colStatus') },
            { header: t('colPeriod') },
            { header: t('colDistricts') },
            { header: t('colSubmitted'), numeric: true },
          ]}
          rows={campaigns.map((c): TableCell[] => [
            {
              content: (
                <a href={`/surveys/${c.id}`}>
                  <InLocale locale={locale} zh={c.title.zh} en={c.title.en} />
                </a>
              ),
            },
            { content: <CampaignStatusTag locale={locale} status={c.status} /> },
            periodText(t, locale, c),
            districtsSummary(t, c.districtCodes, districts.length),
            counts.get(c.id) ?? 0,
          ])}
        />
      )}
    </ListSection>
  );
}

/**
 * A community worker's part: the open campaigns of their districts and those
 * they are assigned to, each with the three ways of collecting answers.
 */
async function workSection(props: SectionProps) {
  const { db, actor, t, locale, today } = props;
  const scope = reach(actor, 'survey.answer');
  const districtCodes = scope.all ? (await listDistricts(db)).map((d) => d.code) : scope.districtCodes;
  const [campaigns, assigned, drafts] = await Promise.all([
    openCampaignsForWorker(db, actor.userId, districtCodes, today),
    campaignIdsOfWorker(db, actor.userId),
    draftCountsOf(db, actor.userId),
  ]);
  return (
    <ListSection id="work" heading={t('workHeading')} lead={t('workLead')}>
      {campaigns.length === 0 && <p class="fj-body">{t('noWork')}</p>}
      {campaigns.map((c) => (
        <WorkCampaign
          key={c.id}
          t={t}
          locale={locale}
          campaign={c}
          started={c.startsOn <= today}
          assigned={assigned.has(c.id)}
          drafts={drafts.get(c.id) ?? 0}
        />
      ))}
    </ListSection>
  );
}

/** The three ways of collecting answers, each a page under the campaign's address. */
const collectionWays = ['interview', 'paper', 'form'] as const;

function WorkCampaign(props: {
  t: CampaignsT;
  locale: Locale;
  campaign: Campaign;
  started: boolean;
  assigned: boolean;
  drafts: number;
}) {
  const { t, locale, campaign } = props;
  const title = textIn(locale, campaign.title);
  const hidden = <span class="fj-visually-hidden">{t('hiddenSuffix', { text: title })}</span>;
  return (
    <div>
      <h3 class="fj-heading-s">
        <InLocale locale={locale} zh={campaign.title.zh} en={campaign.title.en} />
        {props.assigned && (
          <>
            {' '}
            <Tag text={t('assignedToYou')} colour="green" />
          </>
        )}
      </h3>
      <p class="fj-body">{periodText(t, locale, campaign)}</p>
      {props.started ? (
        <>
          <p class="fj-body">{props.drafts > 0 ? t('drafts', { count: props.drafts }) : t('noDrafts')}</p>
          <ul class="fj-list">
            {collectionWays.map((way) => (
              <li key={way}>
                <a href={`/surveys/${campaign.id}/${way}`}>
                  {t(`${way}Link`)}
                  {hidden}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p class="fj-body">{t('startsOn', { day: formatDay(campaign.startsOn, locale) })}</p>
      )}
    </div>
  );
}

/**
 * A resident's part: the campaigns taking answers today that ask them (their
 * district and category, from their registry record; every campaign when
 * their account is bound to none), and whether they have answered.
 */
async function respondSection(props: SectionProps) {
  const { db, actor, t, locale, today } = props;
  const person = await personOfUser(db, actor.userId);
  const category = person?.certificate ? disabilityCategories.indexOf(person.certificate.category) + 1 : null;
  const [campaigns, own] = await Promise.all([
    campaignsAsking(db, { districtCode: person?.districtCode ?? null, disabilityCategory: category }, today),
    ownResponseStatuses(db, actor.userId),
  ]);
  return (
    <ListSection id="respond" heading={t('respondHeading')} lead={t('respondLead')}>
      {campaigns.length === 0 && <p class="fj-body">{t('noSurveysForYou')}</p>}
      {campaigns.map((c) => {
        const status = own.get(c.id);
        const title = textIn(locale, c.title);
        return (
          <div key={c.id}>
            <h3 class="fj-heading-s">
              <InLocale locale={locale} zh={c.title.zh} en={c.title.en} />
            </h3>
            <p class="fj-body">{t('endsOn', { day: formatDay(c.endsOn, locale) })}</p>
            {status === 'submitted' ? (
              <p class="fj-body">{t('answered')}</p>
            ) : (
              <p class="fj-body">
                <a href={`/surveys/${c.id}/respond`}>
                  {status === 'in_progress' ? t('continueLink') : t('respondLink')}
                  <span class="fj-visually-hidden">{t('hiddenSuffix', { text: title })}</span>
                </a>
              </p>
            )}
          </div>
        );
      })}
    </ListSection>
  );
}

/** GET /surveys: one page for everyone who has to do with surveys, showing what each may do. */
export function surveysListPage(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;
  app.get(
    '/surveys',
    { config: { access: 'signedIn' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const actor = signedIn(request);
      const manages = mayEver(actor, 'survey.manage');
      const answering = reach(actor, 'survey.answer');
      const works = answering.all || answering.districtCodes.length > 0;
      const responds = actor.userKind === 'resident' && answering.selfUserId !== null;
      if (!manages && !works && !responds) {
        // As the route guard does for an action nobody gave this user: refuse, and record it.
        await recordAudit(db, {
          actor: auditActor(actor),
          action: 'survey.answer',
          object: null,
          outcome: 'denied',
          sourceAddress: sourceAddress(request),
        });
        throw new HttpError(403, 'forbidden', 'not allowed');
      }
      const ctx = pageContext(config, assets, request, reply);
      const t = campaignsMessages.for(ctx.locale);
      const today = beijingDay(new Date());
      const common = { db, actor, t, locale: ctx.locale, today };
      return sendPage(
        reply,
        <SurveysPage ctx={ctx} title={t('areaTitle')} crumbs={[]}>
          <h1 class="fj-heading-l">{t('areaTitle')}</h1>
          <p class="fj-body">{t('listLead')}</p>
          {manages && (await manageSection(common))}
          {works && (await workSection(common))}
          {responds && (await respondSection(common))}
        </SurveysPage>,
      );
    },
  );
}
