import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { mayEver, reach, signedIn } from '../../../platform/auth/index.ts';
import { PageQuery, pageContext, sendPage } from '../../../platform/http/index.ts';
import {
  type DisabilityCategory,
  disabilityCategories,
  disabilityCategoryText,
  disabilityGradeText,
} from '../../../platform/ids/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import {
  Button,
  CountedTable,
  Pagination,
  Select,
  shellMessages,
  TextInput,
} from '../../../platform/ui/index.ts';
import { commandContext } from '../context.ts';
import { isOneOf } from '../domain/vocabulary.ts';
import { browsePeople } from '../peopleService.ts';
import { lookupHashOf } from '../search.ts';
import { economicText, peopleLabels } from './labels.ts';
import { peopleMessages } from './messages.ts';
import { districtsInReach, districtText, PeoplePage } from './shared.tsx';

const pageSize = 50;

/** GET /people: the registry within reach, masked, found by a whole number's keyed hash or filtered. */
export function listPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, keyring, config, assets } = deps;

  app.get(
    '/people',
    {
      config: { access: 'person.read' },
      schema: {
        hide: true,
        querystring: Type.Object({
          ...PageQuery.properties,
          q: Type.Optional(Type.String({ maxLength: 40 })),
          district: Type.Optional(Type.String({ maxLength: 6 })),
          category: Type.Optional(Type.String({ maxLength: 20 })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
        }),
      },
    },
    async (request, reply) => {
      // The registry is staff's work: a resident's own record has its own page.
      if (signedIn(request).userKind === 'resident') return reply.redirect('/my/record', 303);
      const query = request.query as { q?: string; district?: string; category?: string; page?: number };
      const ctx = pageContext(config, assets, request, reply);
      const t = peopleMessages.for(ctx.locale);
      const l = peopleLabels.for(ctx.locale);
      const actor = signedIn(request);
      const districts = await districtsInReach(db, actor, 'person.read');
      // Filters name only what is offered; anything else in the address is ignored rather than refused.
      const district = districts.find((d) => d.code === query.district)?.code ?? null;
      const category: DisabilityCategory | null = isOneOf(disabilityCategories, query.category)
        ? query.category
        : null;
      const lookupHash = lookupHashOf(keyring, query.q ?? '');
      const searched = lookupHash !== null;
      const page = searched ? 1 : (query.page ?? 1);
      const result =
        lookupHash === undefined
          ? { items: [], total: 0 }
          : await browsePeople(db, keyring, commandContext(request), reach(actor, 'person.read'), {
              lookupHash,
              districtCode: district,
              category,
              page,
              pageSize,
            });
      const totalPages = Math.max(1, Math.ceil(result.total / pageSize));
      const filterQuery = (p: number) => {
        const params = new URLSearchParams();
        if (district !== null) params.set('district', district);
        if (category !== null) params.set('category', category);
        params.set('page', String(p));
        return `/people?${params.toString()}`;
      };
      const error = lookupHash === undefined ? t('searchInvalid') : undefined;
      return sendPage(
        reply,
        <PeoplePage ctx={ctx} title={t('areaTitle')} crumbs={[]} errors={error ? { q: error } : {}}>
          <h1 class="fj-heading-l">{t('areaTitle')}</h1>
          <p class="fj-body">{t('lead')}</p>
          {mayEver(actor, 'person.register') && (
            <p class="fj-body">
              <Button href="/people/new" variant="secondary">
                {t('registerLink')}
              </Button>
            </p>
          )}
          <form method="get" action="/people" class="fj-filters" novalidate>
            <div class="fj-filters__grid">
              {/* The typed number is not echoed back: the page would then hold it in full. */}
              <TextInput
                id="q"
                name="q"
                label={t('search')}
                hint={t('searchHint')}
                autocomplete="off"
                spellcheck={false}
                error={error}
                errorPrefix={shellMessages.for(ctx.locale)('errorPrefix')}
              />
              <Select
                id="district"
                name="district"
                label={t('filterDistrict')}
                value={district ?? ''}
                options={[
                  { value: '', text: t('all') },
                  ...districts.map((d) => ({ value: d.code, text: districtText(ctx.locale, d) })),
                ]}
              />
              <Select
                id="category"
                name="category"
                label={t('filterCategory')}
                value={category ?? ''}
                options={[
                  { value: '', text: t('all') },
                  ...disabilityCategories.map((c) => ({
                    value: c,
                    text: disabilityCategoryText(ctx.locale, c),
                  })),
                ]}
              />
            </div>
            <Button variant="secondary">{t('find')}</Button>
          </form>
          <CountedTable
            count={t('total', { total: String(result.total) })}
            empty={t('none')}
            id="people"
            caption={t('caption')}
            captionVisuallyHidden
            firstCellIsHeader
            columns={[
              { header: t('colName') },
              { header: t('colResidentId') },
              { header: t('colDistrict') },
              { header: t('colCategory') },
              { header: t('colGrade') },
              { header: t('colEconomic') },
            ]}
            rows={result.items.map((p) => [
              // The name opens the record: in the first column it stays in sight on a narrow screen.
              { content: <a href={`/people/${p.id}`}>{p.name}</a> },
              p.residentId,
              districtText(ctx.locale, { nameZh: p.districtNameZh, nameEn: p.districtNameEn }),
              p.category === null ? t('noCertificate') : disabilityCategoryText(ctx.locale, p.category),
              p.grade === null ? '' : disabilityGradeText(ctx.locale, p.grade),
              economicText(l, p.economicStatus),
            ])}
          />
          {!searched && (
            <Pagination
              label={t('pagination')}
              currentPage={Math.min(page, totalPages)}
              totalPages={totalPages}
              hrefForPage={filterQuery}
              previousText={t('previous')}
              nextText={t('next')}
              pageLabel={(p) => t('page', { page: String(p) })}
            />
          )}
        </PeoplePage>,
      );
    },
  );
}
