import { formatYuan, type Locale } from '../../../platform/i18n/index.ts';
import type { DisabilityCategory } from '../../../platform/ids/index.ts';
import {
  Button,
  Checkboxes,
  type CheckboxItem,
  CommandForm,
  CommandFormList,
  ErrorMessage,
  type FieldErrors,
  Fieldset,
  NotificationBanner,
  Radios,
  shellMessages,
  Textarea,
  TextInput,
} from '../../../platform/ui/index.ts';
import { functionAreas, likelyAreaOf, type Measurement, measurementsByArea } from '../domain/assessment.ts';
import { followUpMethods, followUpProblems, useFrequencies } from '../stepsRepo.ts';
import { ApplicationFields } from './applicationFields.tsx';
import { measurementText } from './caseSections.tsx';
import type { CaseView } from './caseView.ts';
import {
  type FormCommand,
  type FormValues,
  fieldId,
  linesSent,
  maxPrescriptionLines,
  measurementField,
  problemField,
  productField,
  quantityField,
} from './commandForm.ts';
import { GroupedSelect, type OptionGroup } from './groupedSelect.tsx';
import { commandText, fittingLabels, ruleText } from './labels.ts';
import { fittingPageMessages, type PageT } from './messages.ts';
import { caseHref } from './shared.tsx';

/** The form a command was sent from, with what was typed, when it comes back with its mistakes. */
export interface SentForm {
  readonly command: FormCommand;
  readonly values: FormValues;
}

export interface CommandFormsProps {
  readonly locale: Locale;
  readonly view: CaseView;
  readonly csrf: string;
  readonly sent: SentForm | undefined;
  /** By field id (`<command>-<field>`). */
  readonly errors: FieldErrors;
  /** The products a prescription may name, by item (only when the reader may prescribe). */
  readonly prescribeOptions: readonly OptionGroup[];
  /** The items an assessment may recommend from a list (only when the reader may record one). */
  readonly recommendOptions: readonly CheckboxItem[];
}

/** What one command's form needs to render a field: its id, what was typed (or a default) and its error. */
interface Kit {
  readonly locale: Locale;
  readonly t: PageT;
  readonly l: ReturnType<typeof fittingLabels.for>;
  readonly errorPrefix: string;
  /** The success banner's title, for what a round trip that is not the command did ("add another"). */
  readonly doneTitle: string;
  /** What was sent from this form; empty when the page is shown afresh. */
  readonly typed: FormValues;
  readonly id: (field: string) => string;
  readonly value: (field: string, fallback?: string) => string;
  readonly values: (field: string, fallback?: readonly string[]) => readonly string[];
  readonly error: (field: string) => string | undefined;
  /** The props every platform field takes: id, name, the error and its prefix. */
  readonly field: (name: string) => {
    id: string;
    name: string;
    error: string | undefined;
    errorPrefix: string;
  };
}

function kitFor(props: CommandFormsProps, command: FormCommand): Kit {
  const t = fittingPageMessages.for(props.locale);
  const shell = shellMessages.for(props.locale);
  const errorPrefix = shell('errorPrefix');
  const typed = props.sent?.command === command ? props.sent.values : undefined;
  const id = (field: string) => fieldId(command, field);
  const error = (field: string) => props.errors[id(field)];
  return {
    locale: props.locale,
    t,
    l: fittingLabels.for(props.locale),
    errorPrefix,
    doneTitle: shell('doneTitle'),
    typed: typed ?? {},
    id,
    value: (field, fallback = '') => {
      const v = typed?.[field];
      return typed === undefined ? fallback : typeof v === 'string' ? v : '';
    },
    values: (field, fallback = []) => {
      if (typed === undefined) return fallback;
      const v = typed[field];
      return v === undefined ? [] : typeof v === 'string' ? [v] : v;
    },
    error,
    field: (name) => ({ id: id(name), name, error: error(name), errorPrefix }),
  };
}

const areaOfCategory = (category: DisabilityCategory | undefined): string =>
  category === undefined ? '' : likelyAreaOf(category);

const yesNoItems = (t: PageT) => [
  { value: 'yes', text: t('yes') },
  { value: 'no', text: t('no') },
];

function ConfirmEligibilityFields({ kit, view }: { kit: Kit; view: CaseView }) {
  const { t, l } = kit;
  const notMet = (view.eligibility?.results ?? []).filter((r) => r.verdict === 'notMet');
  const error = kit.error('overrides');
  if (notMet.length === 0)
    return (
      <div id={kit.id('overrides')}>
        {error !== undefined && (
          <ErrorMessage fieldId={kit.id('overrides')} message={error} prefix={kit.errorPrefix} />
        )}
        <p class="fj-body">{t('allRulesMet')}</p>
      </div>
    );
  const typedReasons = kit.values('overrideReason');
  // The first reason carries the error, so the error summary's link lands in a field the reviewer can type in.
  return (
    <Fieldset legend={t('overridesLegend')} legendSize="s">
      <p class="fj-hint">{t('overridesHint')}</p>
      {notMet.map((r, index) => (
        <div key={r.rule}>
          <input type="hidden" name="overrideRule" value={r.rule} />
          <Textarea
            id={index === 0 ? kit.id('overrides') : kit.id(`override-${r.rule}`)}
            name="overrideReason"
            labelSize="s"
            label={t('overrideLabel', { rule: ruleText(l, r.rule) })}
            value={typedReasons[index] ?? ''}
            rows={3}
            maxlength={2000}
            {...(index === 0 && error !== undefined ? { error, errorPrefix: kit.errorPrefix } : {})}
          />
        </div>
      ))}
    </Fieldset>
  );
}

/** Why: read by the person when staff write it, by the city federation on an appeal; a withdrawal needs none. */
function ReasonField({
  kit,
  hint,
  optional = false,
}: {
  kit: Kit;
  hint?: string | undefined;
  optional?: boolean;
}) {
  return (
    <Textarea
      {...kit.field('reason')}
      labelSize="s"
      label={optional ? kit.t('fieldReasonOptional') : kit.t('fieldCommandReason')}
      hint={hint}
      value={kit.value('reason')}
      rows={4}
      maxlength={2000}
    />
  );
}

function ScheduleFields({ kit }: { kit: Kit }) {
  const { t, l } = kit;
  return (
    <>
      <Radios
        idPrefix={kit.id('mode')}
        name="mode"
        legend={t('fieldMode')}
        legendSize="s"
        items={(['on_site', 'remote'] as const).map((mode) => ({ value: mode, text: l(`mode_${mode}`) }))}
        value={kit.value('mode')}
        error={kit.error('mode')}
        errorPrefix={kit.errorPrefix}
      />
      <TextInput
        {...kit.field('scheduledOn')}
        labelSize="s"
        label={t('fieldScheduledOn')}
        hint={t('fieldDateHint')}
        value={kit.value('scheduledOn')}
        width="10"
        autocomplete="off"
        maxlength={10}
      />
    </>
  );
}

/** Without JavaScript every area's measurements are on the form, each area in its fieldset; only the chosen area's are read. */
function AssessmentFields({
  kit,
  view,
  recommendOptions,
}: {
  kit: Kit;
  view: CaseView;
  recommendOptions: readonly CheckboxItem[];
}) {
  const { t, l } = kit;
  return (
    <>
      <Radios
        idPrefix={kit.id('functionArea')}
        name="functionArea"
        legend={t('fieldFunctionArea')}
        legendSize="s"
        hint={t('fieldFunctionAreaHint')}
        items={functionAreas.map((area) => ({ value: area, text: l(`area_${area}`) }))}
        value={kit.value('functionArea', areaOfCategory(view.person.certificate?.category))}
        error={kit.error('functionArea')}
        errorPrefix={kit.errorPrefix}
      />
      {functionAreas.map((area) => (
        <Fieldset key={area} legend={t('measurementsOf', { area: l(`area_${area}`) })} legendSize="s">
          {(measurementsByArea[area] as readonly Measurement[]).map((m) => (
            <TextInput
              key={m.key}
              {...kit.field(measurementField(m.key))}
              labelSize="s"
              label={measurementText(l, m.key)}
              value={kit.value(measurementField(m.key))}
              inputmode="decimal"
              width="5"
              autocomplete="off"
              maxlength={10}
            />
          ))}
        </Fieldset>
      ))}
      <Textarea
        {...kit.field('findings')}
        labelSize="s"
        label={t('fieldFindings')}
        hint={t('fieldFindingsHint')}
        value={kit.value('findings')}
        rows={5}
        maxlength={2000}
      />
      {recommendOptions.length > 0 && (
        <Checkboxes
          idPrefix={kit.id('recommendedItems')}
          name="recommendedItems"
          legend={t('fieldRecommendedItems')}
          legendSize="s"
          hint={t('fieldRecommendedItemsHint')}
          items={[...recommendOptions]}
          values={kit.values('recommendedItems', [view.case.itemCode])}
          error={kit.error('recommendedItems')}
          errorPrefix={kit.errorPrefix}
        />
      )}
      <TextInput
        {...kit.field('otherItemCodes')}
        width="20"
        labelSize="s"
        label={t('fieldOtherItemCodes')}
        hint={t('fieldOtherItemCodesHint')}
        value={kit.value('otherItemCodes')}
        autocomplete="off"
        spellcheck={false}
        maxlength={200}
      />
    </>
  );
}

/**
 * One fieldset per product. "Add another" sends the form back to be shown
 * with one more line and nothing checked; without JavaScript that is the
 * only way, and with it the same round trip keeps one behaviour to test.
 */
/** How many lines the prescribe form shows: those sent, and one more when "add another" was pressed. */
function prescribeLines(kit: Kit): { count: number; adding: boolean } {
  const sent = linesSent(kit.typed);
  const adding = kit.typed.addLine !== undefined && sent < maxPrescriptionLines;
  return { count: adding ? sent + 1 : sent, adding };
}

function PrescribeFields({ kit, options }: { kit: Kit; options: readonly OptionGroup[] }) {
  const { t } = kit;
  const { count, adding } = prescribeLines(kit);
  // A line just added has no quantity yet: it starts at one, as the first line does.
  const quantityOf = (line: number) => {
    const typed = kit.typed[quantityField(line)];
    return typeof typed === 'string' ? typed : '1';
  };
  return (
    <>
      {Array.from({ length: count }, (_, line) => (
        <div key={line}>
          {adding && line === count - 1 && (
            // The page script moves focus here, as it does to an error summary: the next Tab is the new line's select.
            <NotificationBanner
              type="success"
              title={kit.doneTitle}
              titleId={kit.id('line-added')}
              titleHeadingLevel={3}
              heading={t('lineAdded', { n: line + 1 })}
            />
          )}
          <Fieldset legend={t('lineLegend', { n: line + 1 })} legendSize="s">
            <GroupedSelect
              {...kit.field(productField(line))}
              label={t('fieldProduct')}
              hint={line === 0 ? t('fieldProductHint') : undefined}
              placeholder={t('chooseProduct')}
              groups={options}
              value={kit.value(productField(line))}
            />
            <TextInput
              {...kit.field(quantityField(line))}
              labelSize="s"
              label={t('fieldQuantity')}
              value={quantityOf(line)}
              inputmode="numeric"
              width="3"
              autocomplete="off"
              maxlength={3}
            />
          </Fieldset>
        </div>
      ))}
    </>
  );
}

function FollowUpFields({ kit }: { kit: Kit }) {
  const { t, l } = kit;
  const scale = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), text: t(`score_${n as 1}`) }));
  const radios = (name: string, legend: string, items: { value: string; text: string }[], inline = false) => (
    <Radios
      idPrefix={kit.id(name)}
      name={name}
      legend={legend}
      legendSize="s"
      items={items}
      inline={inline}
      value={kit.value(name)}
      error={kit.error(name)}
      errorPrefix={kit.errorPrefix}
    />
  );
  return (
    <>
      {radios(
        'method',
        t('fieldMethod'),
        followUpMethods.map((m) => ({ value: m, text: l(`method_${m}`) })),
      )}
      {radios('inUse', t('fieldInUse'), yesNoItems(t), true)}
      {radios(
        'useFrequency',
        t('fieldFrequency'),
        useFrequencies.map((f) => ({ value: f, text: l(`frequency_${f}`) })),
      )}
      {radios('productSatisfaction', t('fieldProductSatisfaction'), scale)}
      {radios('serviceSatisfaction', t('fieldServiceSatisfaction'), scale)}
      <Checkboxes
        idPrefix={kit.id('problems')}
        name="problems"
        legend={t('fieldProblems')}
        legendSize="s"
        hint={t('fieldProblemsHint')}
        items={followUpProblems.map((p) => ({ value: p, text: l(`problem_${p}`) }))}
        values={kit.values('problems')}
        error={kit.error('problems')}
        errorPrefix={kit.errorPrefix}
      />
      {radios('repairNeeded', t('fieldRepairNeeded'), yesNoItems(t), true)}
    </>
  );
}

/** The form of one command, with its fields. */
function OneCommand({ props, command }: { props: CommandFormsProps; command: FormCommand }) {
  const { view } = props;
  const kit = kitFor(props, command);
  const { t, l } = kit;
  const base = {
    name: command,
    text: commandText(l, command),
    action: `${caseHref(view.case.id)}/commands/${command}`,
    version: view.case.version,
    csrf: props.csrf,
    problemId: kit.id(problemField),
    problem: kit.error(problemField),
    errorPrefix: kit.errorPrefix,
    className: 'fj-fitting-command',
  };
  switch (command) {
    case 'confirmEligibility':
      return (
        <CommandForm {...base} lead={t('confirmEligibilityLead')}>
          <ConfirmEligibilityFields kit={kit} view={view} />
        </CommandForm>
      );
    case 'returnForCorrection':
    case 'reject':
    case 'appeal':
    case 'upholdAppeal':
    case 'dismissAppeal':
      return (
        <CommandForm {...base} lead={t(`lead_${command}`)} warning={command === 'reject'}>
          <ReasonField
            kit={kit}
            hint={command === 'appeal' ? t('fieldAppealReasonHint') : t('fieldCommandReasonHint')}
          />
        </CommandForm>
      );
    case 'withdraw':
      return (
        <CommandForm {...base} lead={t('lead_withdraw')} warning>
          <ReasonField kit={kit} optional />
        </CommandForm>
      );
    case 'resubmit':
      return (
        <CommandForm {...base} lead={t('lead_resubmit')}>
          <ApplicationFields
            locale={props.locale}
            idPrefix={`${command}-`}
            values={{
              usePlaces: kit.values('usePlaces', view.application?.usePlaces ?? []),
              suppliedByOtherScheme: kit.value(
                'suppliedByOtherScheme',
                view.application?.suppliedByOtherScheme ? 'yes' : 'no',
              ),
              reason: kit.value('reason', view.application?.reason ?? ''),
            }}
            errors={Object.fromEntries(
              ['usePlaces', 'suppliedByOtherScheme', 'reason'].map((f) => [f, kit.error(f) ?? '']),
            )}
          />
        </CommandForm>
      );
    case 'scheduleAssessment':
      return (
        <CommandForm {...base}>
          <ScheduleFields kit={kit} />
        </CommandForm>
      );
    case 'recordAssessment':
      return (
        <CommandForm {...base}>
          <AssessmentFields kit={kit} view={view} recommendOptions={props.recommendOptions} />
        </CommandForm>
      );
    case 'prescribe':
      return (
        <CommandForm
          {...base}
          lead={t('lead_prescribe')}
          secondary={
            prescribeLines(kit).count < maxPrescriptionLines ? (
              <Button variant="secondary" name="addLine" value="1">
                {t('addLine')}
              </Button>
            ) : undefined
          }
        >
          <PrescribeFields kit={kit} options={props.prescribeOptions} />
        </CommandForm>
      );
    case 'approve':
      return (
        <CommandForm
          {...base}
          lead={t('lead_approve', {
            amount: formatYuan(
              view.prescription.reduce((sum, line) => sum + line.subsidyFen, 0),
              props.locale,
            ),
          })}
        />
      );
    case 'startFitting':
    case 'close':
      return <CommandForm {...base} lead={t(`lead_${command}`)} />;
    case 'recordDelivery':
      return (
        <CommandForm {...base}>
          <TextInput
            {...kit.field('serialNumber')}
            width="20"
            labelSize="s"
            label={t('fieldSerialNumber')}
            value={kit.value('serialNumber')}
            autocomplete="off"
            spellcheck={false}
            maxlength={64}
          />
          <Textarea
            {...kit.field('notes')}
            labelSize="s"
            label={t('fieldFittingNotes')}
            value={kit.value('notes')}
            rows={4}
            maxlength={2000}
          />
        </CommandForm>
      );
    case 'recordTraining':
      return (
        <CommandForm {...base}>
          <Textarea
            {...kit.field('notes')}
            labelSize="s"
            label={t('fieldTrainingNotes')}
            hint={t('fieldTrainingNotesHint')}
            value={kit.value('notes')}
            rows={4}
            maxlength={2000}
          />
        </CommandForm>
      );
    case 'confirmReceipt':
      return (
        <CommandForm {...base} lead={t('lead_confirmReceipt')}>
          <Radios
            idPrefix={kit.id('signedBy')}
            name="signedBy"
            legend={t('fieldConfirmedBy')}
            legendSize="s"
            items={[
              { value: 'person', text: l('signedBy_person') },
              ...(view.person.proxies.length > 0 ? [{ value: 'proxy', text: l('signedBy_proxy') }] : []),
            ]}
            value={kit.value('signedBy', 'person')}
            error={kit.error('signedBy')}
            errorPrefix={kit.errorPrefix}
          />
        </CommandForm>
      );
    case 'recordFollowUp':
      return (
        <CommandForm {...base}>
          <FollowUpFields kit={kit} />
        </CommandForm>
      );
  }
}

/** One form for each command the reader may give now, and only those. */
export function CommandForms(props: CommandFormsProps) {
  return (
    <CommandFormList
      heading={fittingPageMessages.for(props.locale)('commandsHeading')}
      commands={props.view.commands.filter((c): c is FormCommand => c !== 'submit')}
      form={(command) => <OneCommand props={props} command={command} />}
    />
  );
}
