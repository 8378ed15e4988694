import type { Locale } from '../../../platform/i18n/index.ts';
import {
  Checkboxes,
  CommandForm,
  CommandFormList,
  type FieldErrors,
  Radios,
  shellMessages,
  Textarea,
  TextInput,
} from '../../../platform/ui/index.ts';
import type { GivenCommand } from '../domain/commands.ts';
import { reviewDecisions } from '../domain/projectFlow.ts';
import type { FormValues } from './formParts.tsx';
import { commandText, decisionText, researchLabels } from './labels.ts';
import { researchMessages } from './messages.ts';
import type { ProjectView } from './projectView.ts';
import { dayText, inLocale, projectHref } from './shared.tsx';

/** The form a command was sent from, with what was typed, when it comes back with its mistakes. */
export interface SentForm {
  readonly command: GivenCommand;
  readonly values: FormValues;
}

/** The id of a field of one command's form: several forms share a page, and may share field names. */
export const fieldId = (command: GivenCommand, field: string) => `${command}-${field}`;

/** Where a form shows a problem that belongs to none of its fields (someone changed the project meanwhile). */
export const problemField = 'problem';

export interface CommandFormsProps {
  readonly locale: Locale;
  readonly view: ProjectView;
  readonly csrf: string;
  readonly sent: SentForm | undefined;
  /** By field id (`<command>-<field>`). */
  readonly errors: FieldErrors;
}

/** What one command's form needs to render a field: its id, what was typed and its error. */
interface Kit {
  readonly t: ReturnType<typeof researchMessages.for>;
  readonly errorPrefix: string;
  readonly id: (field: string) => string;
  readonly value: (field: string) => string;
  readonly values: (field: string) => readonly string[];
  readonly error: (field: string) => string | undefined;
  readonly field: (name: string) => {
    id: string;
    name: string;
    value: string;
    error: string | undefined;
    errorPrefix: string;
  };
}

function kitFor(props: CommandFormsProps, command: GivenCommand): Kit {
  const typed = props.sent?.command === command ? props.sent.values : {};
  const errorPrefix = shellMessages.for(props.locale)('errorPrefix');
  const id = (field: string) => fieldId(command, field);
  const error = (field: string) => props.errors[id(field)];
  const value = (field: string) => {
    const v = typed[field];
    return typeof v === 'string' ? v : '';
  };
  return {
    t: researchMessages.for(props.locale),
    errorPrefix,
    id,
    value,
    values: (field) => {
      const v = typed[field];
      return v === undefined ? [] : typeof v === 'string' ? [v] : v;
    },
    error,
    field: (name) => ({ id: id(name), name, value: value(name), error: error(name), errorPrefix }),
  };
}

function ReasonField({ kit, optional = false, hint }: { kit: Kit; optional?: boolean; hint?: string }) {
  return (
    <Textarea
      {...kit.field('reason')}
      labelSize="s"
      label={optional ? kit.t('fieldReasonOptional') : kit.t('fieldReason')}
      hint={hint}
      rows={4}
      maxlength={4000}
    />
  );
}

function OneCommand({ props, command }: { props: CommandFormsProps; command: GivenCommand }) {
  const { locale, view } = props;
  const kit = kitFor(props, command);
  const { t } = kit;
  const l = researchLabels.for(locale);
  const base = {
    name: command,
    text: commandText(l, command),
    action: `${projectHref(view.project.id)}/commands/${command}`,
    version: view.project.version,
    csrf: props.csrf,
    problemId: kit.id(problemField),
    problem: kit.error(problemField),
    errorPrefix: kit.errorPrefix,
  };
  switch (command) {
    case 'pass_screening':
      return (
        <CommandForm {...base} lead={t('lead_pass_screening')}>
          <Textarea
            {...kit.field('note')}
            labelSize="s"
            label={t('fieldNoteOptional')}
            rows={3}
            maxlength={4000}
          />
        </CommandForm>
      );
    case 'not_accept':
      return (
        <CommandForm {...base} lead={t('lead_not_accept')} warning>
          <ReasonField kit={kit} hint={t('fieldReasonToTeamHint')} />
        </CommandForm>
      );
    case 'record_review':
      return (
        <CommandForm {...base} lead={t('lead_record_review')}>
          <TextInput
            {...kit.field('score')}
            labelSize="s"
            label={t('fieldScore')}
            hint={t('fieldScoreHint')}
            inputmode="numeric"
            width="3"
            autocomplete="off"
            maxlength={3}
          />
          <Textarea
            {...kit.field('opinion')}
            labelSize="s"
            label={t('fieldOpinion')}
            hint={t('fieldOpinionHint')}
            rows={5}
            maxlength={4000}
          />
          <Radios
            idPrefix={kit.id('decision')}
            name="decision"
            legend={t('fieldDecision')}
            legendSize="s"
            items={reviewDecisions.map((d) => ({ value: d, text: decisionText(l, d) }))}
            value={kit.value('decision')}
            error={kit.error('decision')}
            errorPrefix={kit.errorPrefix}
          />
        </CommandForm>
      );
    case 'fund':
      return (
        <CommandForm {...base} lead={t('lead_fund')}>
          <TextInput
            {...kit.field('source')}
            labelSize="s"
            label={t('fieldSource')}
            hint={t('fieldSourceHint')}
            maxlength={200}
            autocomplete="off"
          />
          <TextInput
            {...kit.field('amount')}
            labelSize="s"
            label={t('fieldAmount')}
            hint={t('fieldAmountHint')}
            inputmode="decimal"
            width="10"
            prefix="¥"
            autocomplete="off"
            maxlength={20}
          />
        </CommandForm>
      );
    case 'start':
      return <CommandForm {...base} lead={t('lead_start')} />;
    case 'add_milestone':
      return (
        <CommandForm {...base}>
          <TextInput
            {...kit.field('title')}
            labelSize="s"
            label={t('fieldMilestoneTitle')}
            maxlength={200}
            autocomplete="off"
          />
          <TextInput
            {...kit.field('dueOn')}
            labelSize="s"
            label={t('fieldDueOn')}
            hint={t('dateHint')}
            width="10"
            autocomplete="off"
            spellcheck={false}
            maxlength={10}
          />
        </CommandForm>
      );
    case 'complete_milestone': {
      const open = view.milestones.filter((m) => m.doneOn === null);
      if (open.length === 0) return <CommandForm {...base} lead={t('noOpenMilestones')} />;
      return (
        <CommandForm {...base}>
          <Radios
            idPrefix={kit.id('milestone')}
            name="milestone"
            legend={t('fieldMilestone')}
            legendSize="s"
            items={open.map((m) => ({
              value: m.id,
              text: t('milestoneOption', { title: m.title, due: dayText(m.dueOn, locale) }),
            }))}
            value={kit.value('milestone')}
            error={kit.error('milestone')}
            errorPrefix={kit.errorPrefix}
          />
          <Textarea
            {...kit.field('note')}
            labelSize="s"
            label={t('fieldMilestoneNote')}
            rows={3}
            maxlength={4000}
          />
        </CommandForm>
      );
    }
    case 'complete':
      return (
        <CommandForm {...base} lead={t('lead_complete')}>
          <Textarea
            {...kit.field('summary')}
            labelSize="s"
            label={t('fieldResultsSummary')}
            rows={5}
            maxlength={4000}
          />
          {view.productChoices.length > 0 && (
            <Checkboxes
              idPrefix={kit.id('products')}
              name="products"
              legend={t('fieldResultProducts')}
              legendSize="s"
              hint={t('fieldResultProductsHint')}
              small
              items={view.productChoices.map((p) => ({
                value: p.id,
                text: `${inLocale(locale, p.nameZh, p.nameEn)}${p.model === '' ? '' : ` ${p.model}`}`,
              }))}
              values={kit.values('products')}
              error={kit.error('products')}
              errorPrefix={kit.errorPrefix}
            />
          )}
          <Textarea
            {...kit.field('patents')}
            labelSize="s"
            label={t('fieldPatents')}
            hint={t('fieldPatentsHint')}
            rows={3}
            maxlength={4000}
          />
          <Textarea
            {...kit.field('standards')}
            labelSize="s"
            label={t('fieldStandards')}
            hint={t('fieldStandardsHint')}
            rows={3}
            maxlength={4000}
          />
        </CommandForm>
      );
    case 'stop':
      return (
        <CommandForm {...base} lead={t('lead_stop')} warning>
          <ReasonField kit={kit} hint={t('fieldReasonToTeamHint')} />
        </CommandForm>
      );
    case 'withdraw':
      return (
        <CommandForm {...base} lead={t('lead_withdraw')} warning>
          <ReasonField kit={kit} optional />
        </CommandForm>
      );
  }
}

/** One form for each command the reader may give now, and only those. */
export function CommandForms(props: CommandFormsProps) {
  return (
    <CommandFormList
      heading={researchMessages.for(props.locale)('commandsHeading')}
      commands={props.view.commands.filter((c): c is GivenCommand => c !== 'propose')}
      form={(command) => <OneCommand props={props} command={command} />}
    />
  );
}
