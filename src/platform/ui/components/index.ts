export { type BreadcrumbItem, Breadcrumbs, type BreadcrumbsProps } from './breadcrumbs.tsx';
export {
  Button,
  ButtonGroup,
  type ButtonGroupProps,
  type ButtonProps,
  type ButtonVariant,
} from './button.tsx';
export {
  type CheckboxDivider,
  Checkboxes,
  type CheckboxesProps,
  type CheckboxItem,
} from './checkboxes.tsx';
export type { ChoiceDivider } from './choiceGroup.tsx';
export {
  CommandForm,
  CommandFormList,
  type CommandFormListProps,
  type CommandFormProps,
} from './commandForm.tsx';
export {
  DateInput,
  type DateInputLabels,
  type DateInputProps,
  type DateInputValue,
  type DatePart,
  dateInputFieldId,
} from './dateInput.tsx';
export { ErrorSummary, type ErrorSummaryItem, type ErrorSummaryProps } from './errorSummary.tsx';
export { FileUpload, type FileUploadProps } from './fileUpload.tsx';
export {
  CsrfField,
  classNames,
  ErrorMessage,
  type ErrorMessageProps,
  errorId,
  Fieldset,
  type FieldsetProps,
  type FieldWidth,
  Hint,
  type HintProps,
  hintId,
  joinIds,
  Label,
  type LabelProps,
  type LabelSize,
} from './formParts.tsx';
export { FreeText, FreeTextBlock, type FreeTextProps } from './freeText.tsx';
export {
  NotificationBanner,
  type NotificationBannerProps,
  type NotificationBannerType,
} from './notificationBanner.tsx';
export { type FieldErrors, PageTop, type PageTopProps } from './pageTop.tsx';
export { Pagination, type PaginationEntry, type PaginationProps, paginationEntries } from './pagination.tsx';
export { type RadioDivider, type RadioItem, Radios, type RadiosProps } from './radios.tsx';
export { Select, type SelectOption, type SelectProps } from './select.tsx';
export {
  SummaryList,
  type SummaryListAction,
  type SummaryListProps,
  type SummaryListRow,
} from './summaryList.tsx';
export { Table, type TableCell, type TableColumn, type TableProps } from './table.tsx';
export { Tag, type TagColour, type TagProps } from './tag.tsx';
export { Textarea, type TextareaProps } from './textarea.tsx';
export { type InputMode, TextInput, type TextInputProps, type TextInputType } from './textInput.tsx';
export { Timeline, type TimelineEntry, type TimelineProps } from './timeline.tsx';
