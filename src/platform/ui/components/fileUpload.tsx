import type { VNode } from 'preact';
import {
  classNames,
  ErrorMessage,
  errorId,
  Hint,
  hintId,
  joinIds,
  Label,
  type LabelSize,
} from './formParts.tsx';

export interface FileUploadProps {
  id: string;
  name: string;
  label: string;
  labelIsPageHeading?: boolean;
  labelSize?: LabelSize;
  hint?: string;
  error?: string;
  /** Visually hidden prefix for the error message, e.g. "错误：" / "Error:". */
  errorPrefix?: string;
  /** Accepted types, e.g. "image/jpeg,image/png,application/pdf". */
  accept?: string;
  multiple?: boolean;
  disabled?: boolean;
  /**
   * Browsers cannot pre-fill a file input, so after a validation error pass the name of the file
   * already received (with its own wording, e.g. "已上传：证件.jpg") to show it to the user.
   */
  currentFileText?: string;
  className?: string;
}

export function FileUpload({
  id,
  name,
  label,
  labelIsPageHeading,
  labelSize,
  hint,
  error,
  errorPrefix,
  accept,
  multiple,
  disabled,
  currentFileText,
  className,
}: FileUploadProps): VNode {
  const hasHint = hint !== undefined && hint !== '';
  const hasError = error !== undefined && error !== '';
  const hasCurrent = currentFileText !== undefined && currentFileText !== '';
  const currentId = `${id}-current`;
  return (
    <div class={classNames('fj-form-group', hasError && 'fj-form-group--error')}>
      <Label for={id} text={label} isPageHeading={labelIsPageHeading} size={labelSize} />
      {hasHint ? <Hint id={hintId(id)}>{hint}</Hint> : null}
      {hasError ? <ErrorMessage fieldId={id} message={error} prefix={errorPrefix} /> : null}
      {hasCurrent ? (
        <p class="fj-file-upload__current" id={currentId}>
          {currentFileText}
        </p>
      ) : null}
      <input
        class={classNames('fj-file-upload', hasError && 'fj-file-upload--error', className)}
        id={id}
        name={name}
        type="file"
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        aria-describedby={joinIds(hasHint && hintId(id), hasCurrent && currentId, hasError && errorId(id))}
        aria-invalid={hasError ? 'true' : undefined}
      />
    </div>
  );
}
