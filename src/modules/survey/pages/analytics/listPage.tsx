import { formatDay } from '../../../../platform/i18n/index.ts';
import { FormPage, type PageContext, shellMessages, Table, Tag } from '../../../../platform/ui/index.ts';
import type { Campaign } from '../../campaignRepo.ts';
import { textIn } from '../../domain/questionnaire.ts';
import { isSmall } from '../../domain/suppression.ts';
import { analyticsMessages } from './messages.ts';

/** GET /needs: the campaigns with figures (open and closed), each with how many have answered. */
export function NeedsPage(props: {
  ctx: PageContext;
  campaigns: readonly Campaign[];
  respondents: ReadonlyMap<string, number>;
}) {
  const { ctx } = props;
  const t = analyticsMessages.for(ctx.locale);
  const shell = shellMessages.for(ctx.locale);
  const title = shell('navNeeds');
  const whole = new Intl.NumberFormat(ctx.locale);
  // The same rule as the figures: a campaign of one to four answers says "<5", not who they might be.
  const countText = (n: number) => (isSmall(n) ? t('small') : whole.format(n));
  return (
    <FormPage ctx={ctx} title={title} area={{ text: title, href: '/needs' }} crumbs={[]}>
      <h1 class="fj-heading-l">{title}</h1>
      <p class="fj-lead">{t('needsLead')}</p>
      <h2 class="fj-heading-m">{t('campaignsHeading')}</h2>
      {props.campaigns.length === 0 ? (
        <p class="fj-body">{t('noCampaigns')}</p>
      ) : (
        <Table
          id="campaigns"
          caption={t('campaignsCaption')}
          captionVisuallyHidden
          firstCellIsHeader
          columns={[
            { header: t('colCampaign') },
            { header: t('colStatus') },
            { header: t('colPeriod') },
            { header: t('colSubmitted'), numeric: true },
          ]}
          rows={props.campaigns.map((c) => [
            { content: <a href={`/needs/campaigns/${c.id}`}>{textIn(ctx.locale, c.title)}</a> },
            {
              content: <Tag text={t(`status_${c.status}`)} colour={c.status === 'open' ? 'green' : 'blue'} />,
            },
            t('period', { from: formatDay(c.startsOn, ctx.locale), to: formatDay(c.endsOn, ctx.locale) }),
            countText(props.respondents.get(c.id) ?? 0),
          ])}
        />
      )}
      <h2 class="fj-heading-m">{t('topicsHeading')}</h2>
      <p class="fj-body">{t('topicsLead')}</p>
      <p class="fj-body">
        <a href="/needs/topics">{t('topicsLink')}</a>
      </p>
    </FormPage>
  );
}
