import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { appendAudit } from '../../../../platform/audit/index.ts';
import { signedIn } from '../../../../platform/auth/index.ts';
import { DoneQuery, pageContext, StrictBody, sendPage } from '../../../../platform/http/index.ts';
import { formatDateTime } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  ButtonGroup,
  CsrfField,
  doneText,
  type FieldErrors,
  Fieldset,
  shellMessages,
  TextInput,
} from '../../../../platform/ui/index.ts';
import { type PolicySettings, readSettings, writeSettings } from '../../catalogsRepo.ts';
import { type Criterion, criteria, weightsProblem } from '../../domain/admission.ts';
import { criterionText, policyLabels } from '../labels.ts';
import { commandContext, wholeNumber } from '../shared.tsx';
import { type AdminT, policyAdminMessages } from './messages.ts';
import { PolicyAdminPage } from './shared.tsx';

/** The form field of each criterion's weight. */
const weightFields = {
  maturity: 'weightMaturity',
  safety: 'weightSafety',
  cost: 'weightCost',
  feedback: 'weightFeedback',
} as const satisfies Record<Criterion, string>;

/** Every field of the form with its allowed range (the database checks the same). */
const ranges = {
  yearStartMonth: [1, 12],
  yearStartDay: [1, 28],
  noticeDays: [1, 60],
  panelSize: [1, 9],
  weightMaturity: [0, 100],
  weightSafety: [0, 100],
  weightCost: [0, 100],
  weightFeedback: [0, 100],
} as const satisfies Record<string, readonly [number, number]>;

type SettingsField = keyof typeof ranges;
type SettingsForm = Partial<Record<SettingsField, string>>;
const fields = Object.keys(ranges) as SettingsField[];

const typedNumber = () => Type.String({ maxLength: 20 });
const SettingsBody = StrictBody({
  yearStartMonth: typedNumber(),
  yearStartDay: typedNumber(),
  noticeDays: typedNumber(),
  panelSize: typedNumber(),
  weightMaturity: typedNumber(),
  weightSafety: typedNumber(),
  weightCost: typedNumber(),
  weightFeedback: typedNumber(),
});

const formOf = (s: PolicySettings): SettingsForm => ({
  yearStartMonth: String(s.yearStart.month),
  yearStartDay: String(s.yearStart.day),
  noticeDays: String(s.noticeDays),
  panelSize: String(s.panelSize),
  ...Object.fromEntries(criteria.map((c) => [weightFields[c], String(s.weights[c])])),
});

/** The form checked field by field, then the weights together; errors keyed by field id. */
export function checkedSettings(
  t: AdminT,
  form: SettingsForm,
): { settings?: Omit<PolicySettings, 'updatedAt'>; errors: FieldErrors } {
  const errors: Record<string, string> = {};
  const values: Partial<Record<SettingsField, number>> = {};
  for (const field of fields) {
    const [min, max] = ranges[field];
    const value = wholeNumber(form[field] ?? '');
    if (value === null || value < min || value > max) errors[field] = t(`err_${field}`, { min, max });
    else values[field] = value;
  }
  if (Object.keys(errors).length > 0) return { errors };
  const number = (field: SettingsField) => values[field] as number;
  const weights = {
    maturity: number('weightMaturity'),
    safety: number('weightSafety'),
    cost: number('weightCost'),
    feedback: number('weightFeedback'),
  };
  if (weightsProblem(weights) !== undefined) {
    const sum = criteria.reduce((total, c) => total + weights[c], 0);
    return { errors: { weightMaturity: t('err_weightsSum', { sum }) } };
  }
  return {
    settings: {
      yearStart: { month: number('yearStartMonth'), day: number('yearStartDay') },
      noticeDays: number('noticeDays'),
      panelSize: number('panelSize'),
      weights,
    },
    errors,
  };
}

/** GET and POST /admin/policy-catalogs/settings: the policy year's start, notice length, panel size and weights. */
export function settingsPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;

  const settingsPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values?: SettingsForm; errors?: FieldErrors; done?: string | undefined },
    status = 200,
  ): Promise<FastifyReply> => {
    const ctx = pageContext(config, assets, request, reply);
    const t = policyAdminMessages.for(ctx.locale);
    const l = policyLabels.for(ctx.locale);
    const shell = shellMessages.for(ctx.locale);
    const saved = await readSettings(db);
    const values = state.values ?? formOf(saved);
    const errors = state.errors ?? {};
    const input = (name: SettingsField, label: string, hint?: string) => (
      <TextInput
        id={name}
        name={name}
        label={label}
        hint={hint}
        value={values[name] ?? ''}
        error={errors[name]}
        errorPrefix={shell('errorPrefix')}
        width="3"
        inputmode="numeric"
        autocomplete="off"
        maxlength={3}
      />
    );
    return sendPage(
      reply,
      <PolicyAdminPage
        ctx={ctx}
        area="catalogs"
        title={t('settingsTitle')}
        crumbs={[{ text: t('settingsTitle') }]}
        errors={errors}
        done={state.done}
      >
        <h1 class="fj-heading-l">{t('settingsTitle')}</h1>
        <p class="fj-body">{t('settingsLead')}</p>
        <p class="fj-body">{t('settingsUpdated', { at: formatDateTime(saved.updatedAt, ctx.locale) })}</p>
        <form method="post" action="/admin/policy-catalogs/settings" novalidate>
          <CsrfField token={reply.generateCsrf()} />
          <Fieldset legend={t('yearStartLegend')} legendSize="m">
            <p class="fj-body">{t('yearStartHint')}</p>
            {input('yearStartMonth', t('fieldYearStartMonth'), t('rangeHint', { min: 1, max: 12 }))}
            {input('yearStartDay', t('fieldYearStartDay'), t('rangeHint', { min: 1, max: 28 }))}
          </Fieldset>
          <Fieldset legend={t('reviewLegend')} legendSize="m">
            {input('noticeDays', t('fieldNoticeDays'), t('fieldNoticeDaysHint', { min: 1, max: 60 }))}
            {input('panelSize', t('fieldPanelSize'), t('fieldPanelSizeHint', { min: 1, max: 9 }))}
          </Fieldset>
          <Fieldset legend={t('weightsLegend')} legendSize="m">
            <p class="fj-body">{t('weightsHint')}</p>
            {criteria.map((c) =>
              input(weightFields[c], t('fieldWeight', { criterion: criterionText(l, c) })),
            )}
          </Fieldset>
          <ButtonGroup>
            <Button preventDoubleClick>{t('saveSettings')}</Button>
            <a href="/admin/policy-catalogs" class="fj-body">
              {t('cancel')}
            </a>
          </ButtonGroup>
        </form>
      </PolicyAdminPage>,
      status,
    );
  };

  app.get(
    '/admin/policy-catalogs/settings',
    { config: { access: 'policy_catalog.manage' }, schema: { hide: true, querystring: DoneQuery } },
    async (request, reply) => {
      const { done } = request.query as { done?: string };
      return settingsPage(request, reply, {
        done: doneText(policyAdminMessages, request.locale, done),
      });
    },
  );

  app.post(
    '/admin/policy-catalogs/settings',
    { config: { access: 'policy_catalog.manage' }, schema: { hide: true, body: SettingsBody } },
    async (request, reply) => {
      const form = request.body as SettingsForm;
      const { settings, errors } = checkedSettings(policyAdminMessages.for(request.locale), form);
      if (settings === undefined) return settingsPage(request, reply, { values: form, errors }, 400);
      const context = commandContext(request);
      await db.transaction(async (tx) => {
        await writeSettings(tx, settings, signedIn(request).userId);
        await appendAudit(tx, {
          actor: context.actor,
          action: 'policy_catalog.settings',
          object: { type: 'policy_setting', id: 'current' },
          outcome: 'success',
          sourceAddress: context.sourceAddress,
          detail: {
            yearStartMonth: settings.yearStart.month,
            yearStartDay: settings.yearStart.day,
            noticeDays: settings.noticeDays,
            panelSize: settings.panelSize,
            ...settings.weights,
          },
        });
      });
      return reply.redirect('/admin/policy-catalogs/settings?done=settingsSaved', 303);
    },
  );
}
