import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { appendAudit } from '../../../platform/audit/index.ts';
import { auditActor, authorise, sourceAddress } from '../../../platform/auth/index.ts';
import { DoneQuery, pageContext, StrictBody, sendPage } from '../../../platform/http/index.ts';
import { formatYuan } from '../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import {
  Button,
  CsrfField,
  doneText,
  type FieldErrors,
  Fieldset,
  FormPage,
  type PageContext,
  Select,
  shellMessages,
  Table,
  TextInput,
} from '../../../platform/ui/index.ts';
import { type District, listDistricts } from '../../identity/index.ts';
import { beijingDay, subsidyCatalogOn } from '../../policyCatalogs/index.ts';
import { budgetsOf, type DistrictBudget, setBudget } from '../budgetRepo.ts';
import { type BudgetLine, budgetLinesOf, plainYuan, readBudgetForm, totalField } from './budgetForm.ts';
import { fittingLabels, problemText } from './labels.ts';
import { fittingPageMessages } from './messages.ts';
import { inLocale } from './shared.tsx';

const minYear = 2000;
const maxYear = 2100;
const Year = Type.Integer({ minimum: minYear, maximum: maxYear });
const repeated = (maxLength: number) =>
  Type.Optional(
    Type.Union([Type.String({ maxLength }), Type.Array(Type.String({ maxLength }), { maxItems: 500 })]),
  );

const BudgetBody = StrictBody({
  year: Type.String({ pattern: '^[0-9]{4}$' }),
  district: repeated(6),
  total: repeated(40),
  version: repeated(10),
});

/** Someone changed a budget while this form was filled in: the whole form is refused. */
class BudgetMoved extends Error {
  constructor(readonly districtCode: string) {
    super(`the budget of ${districtCode} changed meanwhile`);
  }
}

function BudgetsPage(props: {
  ctx: PageContext;
  year: number;
  years: readonly number[];
  districts: readonly District[];
  budgets: ReadonlyMap<string, DistrictBudget>;
  typed: readonly BudgetLine[] | undefined;
  errors: FieldErrors;
  done: string | undefined;
  csrf: string;
}) {
  const { ctx, year, budgets } = props;
  const t = fittingPageMessages.for(ctx.locale);
  const shell = shellMessages.for(ctx.locale);
  const title = shell('navFittingBudgets');
  const yuan = (fen: number) => formatYuan(fen, ctx.locale);
  const name = (d: District) => inLocale(ctx.locale, d.nameZh, d.nameEn);
  const typed = new Map((props.typed ?? []).map((line) => [line.districtCode, line]));
  const totals = [...budgets.values()].reduce(
    (sum, b) => ({ total: sum.total + b.totalFen, reserved: sum.reserved + b.reservedFen }),
    { total: 0, reserved: 0 },
  );
  return (
    <FormPage
      ctx={ctx}
      title={title}
      area={{ text: title, href: '/admin/fitting' }}
      crumbs={[]}
      errors={props.errors}
      done={props.done}
    >
      <h1 class="fj-heading-l">{title}</h1>
      <p class="fj-body">{t('budgetsLead')}</p>
      <form method="get" action="/admin/fitting" class="fj-filters" novalidate>
        <div class="fj-filters__grid">
          <Select
            id="year"
            name="year"
            label={t('fieldPolicyYear')}
            options={props.years.map((y) => ({ value: String(y), text: t('yearN', { year: y }) }))}
            value={String(year)}
          />
        </div>
        <div class="fj-filters__actions">
          <Button variant="secondary">{t('showYear')}</Button>
        </div>
      </form>
      <Table
        id="budgets"
        caption={t('budgetsCaption', { year })}
        captionSize="m"
        firstCellIsHeader
        columns={[
          { header: t('colDistrict') },
          { header: t('colTotal'), numeric: true },
          { header: t('colReserved'), numeric: true },
          { header: t('colLeft'), numeric: true },
        ]}
        rows={[
          ...props.districts.map((d) => {
            const b = budgets.get(d.code);
            return b === undefined
              ? [name(d), t('noBudget'), '', '']
              : [
                  name(d),
                  { content: yuan(b.totalFen), numeric: true },
                  { content: yuan(b.reservedFen), numeric: true },
                  { content: yuan(b.totalFen - b.reservedFen), numeric: true },
                ];
          }),
          [
            t('totalRow'),
            { content: yuan(totals.total), numeric: true },
            { content: yuan(totals.reserved), numeric: true },
            { content: yuan(totals.total - totals.reserved), numeric: true },
          ],
        ]}
      />
      <form method="post" action="/admin/fitting" novalidate>
        <CsrfField token={props.csrf} />
        <input type="hidden" name="year" value={String(year)} />
        <Fieldset legend={t('budgetsFormLegend', { year })} legendSize="m">
          <p class="fj-hint">{t('budgetsFormHint')}</p>
          {props.districts.map((d) => {
            const b = budgets.get(d.code);
            const line = typed.get(d.code);
            return (
              <div key={d.code}>
                <input type="hidden" name="district" value={d.code} />
                <input type="hidden" name="version" value={b === undefined ? '' : String(b.version)} />
                <TextInput
                  id={totalField(d.code)}
                  name="total"
                  label={t('fieldDistrictTotal', { district: name(d) })}
                  hint={
                    b === undefined
                      ? t('budgetNoneHint')
                      : t('budgetReservedHint', { reserved: yuan(b.reservedFen) })
                  }
                  value={line?.total ?? (b === undefined ? '' : plainYuan(b.totalFen))}
                  prefix="¥"
                  inputmode="decimal"
                  width="10"
                  autocomplete="off"
                  maxlength={20}
                  error={props.errors[totalField(d.code)]}
                  errorPrefix={shell('errorPrefix')}
                />
              </div>
            );
          })}
        </Fieldset>
        <Button preventDoubleClick>{t('saveBudgets')}</Button>
      </form>
    </FormPage>
  );
}

/** GET and POST /admin/fitting: each district's fitting budget for a policy year. */
export function budgetPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;

  /** The year of the catalog in force, or the calendar year before any catalog is. */
  const currentYear = async () => {
    const today = beijingDay(new Date());
    return (await subsidyCatalogOn(db, today))?.year ?? Number(today.slice(0, 4));
  };

  const cityOnly = (request: FastifyRequest, year: number) =>
    authorise(db, request, 'budget.manage', { type: 'district_budget', id: String(year) }, {});

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    state: { typed?: BudgetLine[]; errors?: FieldErrors; done?: string | undefined; status?: number },
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const [districts, budgets, current] = await Promise.all([
      listDistricts(db),
      budgetsOf(db, year),
      currentYear(),
    ]);
    const years = [...new Set([current - 3, current - 2, current - 1, current, current + 1, year])].sort();
    return sendPage(
      reply,
      <BudgetsPage
        ctx={ctx}
        year={year}
        years={years}
        districts={districts}
        budgets={new Map(budgets.map((b) => [b.districtCode, b]))}
        typed={state.typed}
        errors={state.errors ?? {}}
        done={doneText(fittingPageMessages, ctx.locale, state.done)}
        csrf={reply.generateCsrf()}
      />,
      state.status ?? 200,
    );
  };

  app.get(
    '/admin/fitting',
    {
      config: { access: 'budget.manage' },
      schema: {
        hide: true,
        querystring: Type.Object({ ...DoneQuery.properties, year: Type.Optional(Year) }),
      },
    },
    async (request, reply) => {
      const query = request.query as { year?: number; done?: string };
      const year = query.year ?? (await currentYear());
      await cityOnly(request, year);
      return show(request, reply, year, { done: query.done });
    },
  );

  app.post(
    '/admin/fitting',
    { config: { access: 'budget.manage' }, schema: { hide: true, body: BudgetBody } },
    async (request, reply) => {
      const body = request.body as Record<string, unknown> & { year: string };
      const year = Number(body.year);
      if (year < minYear || year > maxYear) return show(request, reply, await currentYear(), { status: 400 });
      await cityOnly(request, year);
      const l = fittingLabels.for(request.locale);
      const lines = budgetLinesOf(body);
      const [districts, budgets] = await Promise.all([listDistricts(db), budgetsOf(db, year)]);
      const read = readBudgetForm(
        lines,
        new Map(budgets.map((b) => [b.districtCode, b])),
        new Set(districts.map((d) => d.code)),
      );
      // A budget changed meanwhile shows its new total, not what was typed over the old one.
      const refuse = (errors: FieldErrors, moved: readonly string[], status = 400) =>
        show(request, reply, year, {
          typed: lines.filter((line) => !moved.includes(line.districtCode)),
          errors,
          status,
        });
      if (read.problems.length > 0) {
        const errors = Object.fromEntries(
          read.problems.map((p) => [
            p.field,
            p.key === 'belowReserved'
              ? l('err_belowReserved', { reserved: formatYuan(p.reservedFen ?? 0, request.locale) })
              : problemText(l, p.key),
          ]),
        );
        const moved = lines
          .filter((line) =>
            read.problems.some((p) => p.key === 'budgetMoved' && p.field === totalField(line.districtCode)),
          )
          .map((line) => line.districtCode);
        return refuse(errors, moved);
      }
      try {
        // One transaction for the form: every district's change and its own audit row, or none of them.
        await db.transaction(async (tx) => {
          for (const change of read.changes) {
            const saved = await setBudget(
              tx,
              change.districtCode,
              year,
              change.totalFen,
              change.before?.version ?? null,
            );
            if (!saved) throw new BudgetMoved(change.districtCode);
            await appendAudit(tx, {
              actor: auditActor(request.actor),
              action: 'budget.set',
              object: { type: 'district_budget', id: `${change.districtCode}-${year}` },
              outcome: 'success',
              sourceAddress: sourceAddress(request),
              detail: {
                districtCode: change.districtCode,
                policyYear: year,
                totalFen: change.totalFen,
                previousFen: change.before?.totalFen ?? null,
              },
            });
          }
        });
      } catch (error) {
        if (!(error instanceof BudgetMoved)) throw error;
        return refuse(
          { [totalField(error.districtCode)]: problemText(l, 'budgetMoved') },
          [error.districtCode],
          409,
        );
      }
      return reply.redirect(
        `/admin/fitting?year=${year}&done=${read.changes.length === 0 ? 'unchanged' : 'budgets'}`,
        303,
      );
    },
  );
}
