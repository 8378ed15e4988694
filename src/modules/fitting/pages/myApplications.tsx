import type { FastifyInstance } from 'fastify';
import { appendAudit } from '../../../platform/audit/index.ts';
import { auditActor, signedIn, sourceAddress } from '../../../platform/auth/index.ts';
import { PageQuery, pageContext, sendPage } from '../../../platform/http/index.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import {
  Button,
  FormPage,
  NotificationBanner,
  type PageContext,
  shellMessages,
  Table,
  Tag,
} from '../../../platform/ui/index.ts';
import type { Organisation } from '../../identity/index.ts';
import { personOfUser } from '../../people/index.ts';
import { beijingDay, subsidyItemOf } from '../../policyCatalogs/index.ts';
import { type FittingCase, listCases } from '../caseRepo.ts';
import { fittingLabels, nextStepText, statusText } from './labels.ts';
import { fittingPageMessages } from './messages.ts';
import { type CaseNotice, latestNotices, markNoticesRead } from './notificationsRepo.ts';
import { districtFederations } from './places.ts';
import { caseHref, DueText, inLocale, StatusTag } from './shared.tsx';

/** A resident's own cases are few: fifty is more than anyone has open. */
const ownCasesShown = 50;

interface OwnCase {
  readonly case: FittingCase;
  readonly itemName: string;
}

function NoRecord({ ctx, contacts }: { ctx: PageContext; contacts: readonly Organisation[] }) {
  const t = fittingPageMessages.for(ctx.locale);
  const names = contacts.map((c) => inLocale(ctx.locale, c.nameZh, c.nameEn)).join(t('listSeparator'));
  return (
    <NotificationBanner title={t('importantTitle')} titleId="no-record-title" heading={t('noRecordHeading')}>
      <p class="fj-body">{t('noRecordBody')}</p>
      <p class="fj-body">{names === '' ? t('noRecordContact') : t('noRecordContactNamed', { names })}</p>
    </NotificationBanner>
  );
}

function Notices({ ctx, notices }: { ctx: PageContext; notices: readonly CaseNotice[] }) {
  const t = fittingPageMessages.for(ctx.locale);
  const l = fittingLabels.for(ctx.locale);
  return (
    <section aria-labelledby="notices-heading">
      <h2 class="fj-heading-m" id="notices-heading">
        {t('noticesHeading')}
      </h2>
      {notices.length === 0 ? (
        <p class="fj-body">{t('noNotices')}</p>
      ) : (
        <ul class="fj-list">
          {notices.map((n) => (
            <li key={n.id}>
              {!n.read && (
                <>
                  <Tag text={t('noticeNew')} colour="blue" />{' '}
                </>
              )}
              {t('noticeText', {
                at: formatDateTime(n.createdAt, ctx.locale),
                status: statusText(l, n.statusAfter),
              })}{' '}
              <a href={caseHref(n.caseId)}>{n.reference}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MyApplicationsPage(props: {
  ctx: PageContext;
  cases: readonly OwnCase[];
  notices: readonly CaseNotice[];
  today: string;
}) {
  const { ctx, today } = props;
  const t = fittingPageMessages.for(ctx.locale);
  const l = fittingLabels.for(ctx.locale);
  const title = shellMessages.for(ctx.locale)('navMyApplications');
  return (
    <FormPage ctx={ctx} title={title} area={{ text: title, href: '/my/applications' }} crumbs={[]}>
      <h1 class="fj-heading-l">{title}</h1>
      <p class="fj-body">{t('myApplicationsLead')}</p>
      <Button href="/my/applications/new">{t('startApplication')}</Button>
      {props.cases.length === 0 ? (
        <p class="fj-body">{t('noApplications')}</p>
      ) : (
        <Table
          id="my-cases"
          caption={t('myCasesCaption')}
          captionSize="m"
          firstCellIsHeader
          columns={[
            { header: t('colReference') },
            { header: t('colItem') },
            { header: t('colStatus') },
            { header: t('colNext') },
            { header: t('colDue') },
          ]}
          rows={props.cases.map(({ case: c, itemName }) => [
            { content: <a href={caseHref(c.id)}>{c.reference}</a> },
            itemName,
            { content: <StatusTag locale={ctx.locale} status={c.status} /> },
            nextStepText(l, c.status),
            { content: <DueText locale={ctx.locale} dueOn={c.dueOn} today={today} /> },
          ])}
        />
      )}
      <Notices ctx={ctx} notices={props.notices} />
    </FormPage>
  );
}

/** GET /my/applications: a resident's own cases, newest first, and what has changed in them. */
export function myApplicationsPage(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;
  app.get(
    '/my/applications',
    { config: { access: 'case.apply' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const actor = signedIn(request);
      // Staff apply for others from their queue.
      if (actor.userKind !== 'resident') return reply.redirect('/cases', 303);
      const ctx = pageContext(config, assets, request, reply);
      const person = await personOfUser(db, actor.userId);
      if (person === null) {
        const district = actor.grants.find((g) => g.districtCode !== null)?.districtCode ?? null;
        const contacts = district === null ? [] : await districtFederations(db, district);
        const title = shellMessages.for(ctx.locale)('navMyApplications');
        return sendPage(
          reply,
          <FormPage ctx={ctx} title={title} area={{ text: title, href: '/my/applications' }} crumbs={[]}>
            <h1 class="fj-heading-l">{title}</h1>
            <NoRecord ctx={ctx} contacts={contacts} />
          </FormPage>,
        );
      }
      const today = beijingDay(new Date());
      const own = { all: false, districtCodes: [], organisationIds: [], personId: person.id };
      const [found, notices] = await Promise.all([
        listCases(
          db,
          own,
          { statuses: null, overdueOn: null, personId: person.id },
          { sort: 'newest', page: 1, pageSize: ownCasesShown },
        ),
        latestNotices(db, actor.userId),
      ]);
      const items = await Promise.all(found.map((c) => subsidyItemOf(db, c.catalogId, c.itemCode)));
      const cases = found.map((c, index) => {
        const item = items[index]?.item;
        return {
          case: c,
          itemName: item ? `${c.itemCode} ${inLocale(ctx.locale, item.nameZh, item.nameEn)}` : c.itemCode,
        };
      });
      // Shown is read: the notices are marked in the same transaction as the audit row of the page.
      await db.transaction(async (tx) => {
        await markNoticesRead(
          tx,
          actor.userId,
          notices.filter((n) => !n.read).map((n) => n.id),
          new Date(),
        );
        await appendAudit(tx, {
          actor: auditActor(actor),
          action: 'case.list',
          object: { type: 'person', id: person.id },
          outcome: 'success',
          sourceAddress: sourceAddress(request),
          detail: { shown: cases.length, notices: notices.length },
        });
      });
      return sendPage(reply, <MyApplicationsPage ctx={ctx} cases={cases} notices={notices} today={today} />);
    },
  );
}
