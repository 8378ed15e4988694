import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type SignedInActor, signedIn } from '../../../platform/auth/index.ts';
import { DoneQuery, PageQuery, pageContext, StrictBody, sendPage } from '../../../platform/http/index.ts';
import { formatYuan, type Locale } from '../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import {
  type CheckboxItem,
  doneText,
  ErrorMessage,
  type FieldErrors,
  FormPage,
  NotificationBanner,
  type PageContext,
  shellMessages,
} from '../../../platform/ui/index.ts';
import { productSummaries } from '../../catalog/index.ts';
import { beijingDay, subsidyCatalogOn, subsidyItemOf } from '../../policyCatalogs/index.ts';
import { authorisedCase, recordCaseRead } from '../caseReads.ts';
import { CaseProblem, type CaseService, StaleCase } from '../caseService.ts';
import { functionAreas, measurementsByArea } from '../domain/assessment.ts';
import { caseCommands } from '../domain/caseFlow.ts';
import { priceLine } from '../domain/prescription.ts';
import {
  ApplicationSection,
  AssessmentSection,
  CaseSummary,
  DeliverySection,
  EligibilitySection,
  FollowUpsSection,
  PersonSection,
  PrescriptionSection,
  TimelineSection,
} from './caseSections.tsx';
import { type CaseView, loadCaseView } from './caseView.ts';
import {
  commandFields,
  type FormCommand,
  type FormProblem,
  type FormValues,
  fieldId,
  formFieldOf,
  measurementField,
  readCommandForm,
} from './commandForm.ts';
import { CommandForms, type SentForm } from './commandForms.tsx';
import type { OptionGroup } from './groupedSelect.tsx';
import { fittingPageMessages } from './messages.ts';
import { PhotosSection, type PhotosView, photoRoutes, photosView } from './photos.tsx';
import { caseActor, caseHref, inLocale, problemMessage } from './shared.tsx';

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const repeated = (maxLength: number, maxItems: number) =>
  Type.Optional(Type.Union([text(maxLength), Type.Array(Type.String({ maxLength }), { maxItems })]));

const measurementFields = Object.fromEntries(
  functionAreas.flatMap((area) => measurementsByArea[area].map((m) => [measurementField(m.key), text(20)])),
);

// The prescription's lines up to the API's limit: an eleventh line is refused like any unknown field.
const lineFields = Object.fromEntries(
  commandFields.prescribe.map((field) => [field, text(field.startsWith('product') ? 100 : 10)]),
);

/** Every field any command form has; each command reads only its own. */
const CommandBody = StrictBody({
  version: Type.String({ pattern: '^[0-9]{1,9}$' }),
  reason: text(4000),
  overrideRule: repeated(40, 20),
  overrideReason: repeated(4000, 20),
  usePlaces: repeated(20, 4),
  suppliedByOtherScheme: text(10),
  mode: text(20),
  scheduledOn: text(20),
  functionArea: text(20),
  ...measurementFields,
  findings: text(4000),
  recommendedItems: repeated(20, 100),
  otherItemCodes: text(400),
  ...lineFields,
  addLine: text(1),
  serialNumber: text(200),
  notes: text(4000),
  signedBy: text(10),
  method: text(20),
  inUse: text(10),
  useFrequency: text(20),
  productSatisfaction: text(10),
  serviceSatisfaction: text(10),
  problems: repeated(40, 4),
  repairNeeded: text(10),
});

const CommandParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  command: Type.Union(caseCommands.filter((c) => c !== 'submit').map((c) => Type.Literal(c))),
});

/** Where an error goes when its form is no longer on the page (the case moved on meanwhile). */
const caseProblemId = 'case-problem';

/** The products a prescription may name: those admitted under the case's item and the recommended ones, priced for the person. */
async function prescribeOptions(deps: ModuleDeps, view: CaseView, locale: Locale): Promise<OptionGroup[]> {
  const t = fittingPageMessages.for(locale);
  const codes = [...new Set([view.case.itemCode, ...(view.assessment?.recommendedItemCodes ?? [])])];
  const items = (
    await Promise.all(codes.map((code) => subsidyItemOf(deps.db, view.case.catalogId, code)))
  ).filter((item) => item !== undefined);
  const products = await productSummaries(
    deps.db,
    items.flatMap((i) => i.item.products.map((p) => p.productId)),
  );
  const yuan = (fen: number) => formatYuan(fen, locale);
  return items.map(({ item }) => ({
    label: `${item.code} ${inLocale(locale, item.nameZh, item.nameEn)}`,
    options: item.products.flatMap((admitted) => {
      const product = products.get(admitted.productId);
      const priced = priceLine(item, view.case.applicantGroup, admitted, 1);
      if (product === undefined || typeof priced === 'string') return [];
      const model = product.model === '' ? '' : ` (${product.model})`;
      return [
        {
          value: `${item.code}:${admitted.productId}`,
          text: t('productOption', {
            name: `${inLocale(locale, product.nameZh, product.nameEn)}${model}`,
            supplier: inLocale(locale, product.supplierNameZh, product.supplierNameEn),
            price: yuan(priced.priceFen),
            subsidy: yuan(priced.subsidyFen),
            selfPaid: yuan(priced.selfPaidFen),
          }),
        },
      ];
    }),
  }));
}

const isoClassesOf = (isoCodes: readonly string[]) => new Set(isoCodes.map((code) => code.slice(0, 4)));

/**
 * The items an assessment may recommend by ticking: those of the case's
 * catalog version in an ISO class of the case's item (the first four digits
 * of ISO 9999), priced at their cap. Items of other classes are typed.
 */
async function recommendOptions(deps: ModuleDeps, view: CaseView, locale: Locale): Promise<CheckboxItem[]> {
  const own = view.item;
  if (own === undefined) return [];
  // The version governing the day the case was opened is the case's own version; all its items in one read.
  const catalog = await subsidyCatalogOn(deps.db, beijingDay(view.case.createdAt));
  const items = catalog?.catalogId === own.catalogId ? catalog.items : [own.item];
  const classes = isoClassesOf(own.item.isoCodes);
  const t = fittingPageMessages.for(locale);
  return items
    .filter((item) => [...isoClassesOf(item.isoCodes)].some((c) => classes.has(c)))
    .map((item) => ({
      value: item.code,
      text: t('recommendOption', {
        code: item.code,
        name: inLocale(locale, item.nameZh, item.nameEn),
        max: formatYuan(item.maxSubsidyFen, locale),
      }),
    }));
}

function CasePage(props: {
  ctx: PageContext;
  view: CaseView;
  actor: SignedInActor;
  today: string;
  done: string | undefined;
  sent: SentForm | undefined;
  errors: FieldErrors;
  prescribeOptions: readonly OptionGroup[];
  recommendOptions: readonly CheckboxItem[];
  photos: PhotosView;
  csrf: string;
}) {
  const { ctx, view } = props;
  const { locale } = ctx;
  const t = fittingPageMessages.for(locale);
  const shell = shellMessages.for(locale);
  const title = t('caseTitle', { reference: view.case.reference });
  const area =
    props.actor.userKind === 'resident'
      ? { text: shell('navMyApplications'), href: '/my/applications' }
      : { text: shell('navCases'), href: '/cases' };
  const caseProblem = props.errors[caseProblemId];
  return (
    <FormPage
      ctx={ctx}
      title={title}
      area={area}
      crumbs={[{ text: view.case.reference }]}
      errors={props.errors}
      done={props.done}
    >
      <h1 class="fj-heading-l">{title}</h1>
      {caseProblem !== undefined && (
        <div class="fj-form-group fj-form-group--error" id={caseProblemId}>
          <ErrorMessage fieldId={caseProblemId} message={caseProblem} prefix={shell('errorPrefix')} />
        </div>
      )}
      <CaseSummary locale={locale} view={view} today={props.today} />
      {!view.person.fittingConsent && !['closed', 'withdrawn'].includes(view.case.status) && (
        <NotificationBanner
          title={t('importantTitle')}
          titleId="consent-withdrawn-title"
          heading={t('consentWithdrawnHeading')}
        >
          <p class="fj-body">{t('consentWithdrawnBody')}</p>
        </NotificationBanner>
      )}
      <ul class="fj-list">
        {view.commands.length > 0 && (
          <li>
            <a href="#commands-heading">{t('jumpToCommands')}</a>
          </li>
        )}
        <li>
          <a href={`${caseHref(view.case.id)}/print`}>{t('printLink')}</a>
        </li>
      </ul>
      <PersonSection locale={locale} view={view} />
      <ApplicationSection locale={locale} view={view} />
      {view.seesHealthData && <EligibilitySection locale={locale} view={view} />}
      <AssessmentSection locale={locale} view={view} />
      <PrescriptionSection locale={locale} view={view} />
      <DeliverySection locale={locale} view={view} />
      <PhotosSection
        locale={locale}
        caseId={view.case.id}
        photos={props.photos}
        csrf={props.csrf}
        error={props.errors.photo}
      />
      <FollowUpsSection locale={locale} view={view} />
      <TimelineSection locale={locale} view={view} />
      <CommandForms
        locale={locale}
        view={view}
        csrf={props.csrf}
        sent={props.sent}
        errors={props.errors}
        prescribeOptions={props.prescribeOptions}
        recommendOptions={props.recommendOptions}
      />
    </FormPage>
  );
}

/** GET /applications/:id, one case for every role; POST /applications/:id/commands/:command, one command. */
export function casePages(app: FastifyInstance, deps: ModuleDeps & { cases: CaseService }): void {
  const { db, config, assets, keyring, cases } = deps;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: { done?: string | undefined; sent?: SentForm; problems?: readonly FormProblem[]; status?: number },
  ) => {
    const actor = signedIn(request);
    const found = await authorisedCase(db, request, actor, id);
    const view = await loadCaseView(db, keyring, found);
    const ctx = pageContext(config, assets, request, reply);
    const sent = state.sent;
    const shownHere = sent !== undefined && view.commands.includes(sent.command);
    const errors: FieldErrors = Object.fromEntries(
      (state.problems ?? []).map((p) => {
        if (p.field === 'photo') return ['photo', problemMessage(ctx.locale, p.field, p.key)];
        if (!shownHere || sent === undefined)
          return [caseProblemId, problemMessage(ctx.locale, p.field, p.key)];
        const field = formFieldOf(sent.command, p.field, p.key, sent.values);
        return [fieldId(sent.command, field), problemMessage(ctx.locale, field, p.key)];
      }),
    );
    const options = view.commands.includes('prescribe') ? await prescribeOptions(deps, view, ctx.locale) : [];
    const recommendable = view.commands.includes('recordAssessment')
      ? await recommendOptions(deps, view, ctx.locale)
      : [];
    const photos = await photosView(db, view);
    await recordCaseRead(db, request, 'case.read', id);
    return sendPage(
      reply,
      <CasePage
        ctx={ctx}
        view={view}
        actor={actor}
        today={beijingDay(new Date())}
        done={doneText(fittingPageMessages, ctx.locale, state.done)}
        sent={shownHere ? sent : undefined}
        errors={errors}
        prescribeOptions={options}
        recommendOptions={recommendable}
        photos={photos}
        csrf={reply.generateCsrf()}
      />,
      state.status ?? 200,
    );
  };

  app.get(
    '/applications/:id',
    {
      config: { access: 'case.read' },
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: DoneQuery,
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      return show(request, reply, id, { done: (request.query as { done?: string }).done });
    },
  );

  // A refused command's page has the command's address: the language switch and the settings link lead back here.
  app.get(
    '/applications/:id/commands/:command',
    {
      config: { access: 'case.read' },
      schema: { hide: true, params: CommandParams, querystring: PageQuery },
    },
    async (request, reply) => reply.redirect(caseHref((request.params as { id: string }).id), 303),
  );

  app.post(
    '/applications/:id/commands/:command',
    { config: { access: 'case.act' }, schema: { hide: true, params: CommandParams, body: CommandBody } },
    async (request, reply) => {
      const actor = signedIn(request);
      const { id, command } = request.params as { id: string; command: FormCommand };
      const { _csrf, version, ...values } = request.body as { _csrf: string; version: string } & FormValues;
      // Out of reach answers 404 before anything about the command is said.
      await authorisedCase(db, request, actor, id, 'case.act');
      const sent: SentForm = { command, values };
      // "Add another product" only shows the form again, one line longer: nothing is checked or given yet.
      if (command === 'prescribe' && values.addLine !== undefined) return show(request, reply, id, { sent });
      const read = readCommandForm(command, values);
      if (read.input === undefined)
        return show(request, reply, id, { sent, problems: read.problems, status: 400 });
      try {
        await cases.act(caseActor(request), id, Number(version), read.input);
      } catch (error) {
        if (error instanceof CaseProblem)
          return show(request, reply, id, { sent, problems: [error], status: 400 });
        if (error instanceof StaleCase)
          return show(request, reply, id, {
            sent,
            problems: [{ field: 'problem', key: 'stale' }],
            status: 409,
          });
        throw error;
      }
      return reply.redirect(`${caseHref(id)}?done=${command}`, 303);
    },
  );

  photoRoutes(app, deps, show);
}
