import type { VNode } from 'preact';
import {
  classNames,
  errorId,
  hasText,
  hintId,
  joinIds,
  LabelledField,
  type LabelledFieldProps,
} from './formParts.tsx';

export interface FileUploadProps extends LabelledFieldProps {
  name: string;
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
  name,
  accept,
  multiple,
  disabled,
  currentFileText,
  className,
  ...field
}: FileUploadProps): VNode {
  const { id, hint, error } = field;
  const hasError = hasText(error);
  const hasCurrent = hasText(currentFileText);
  const currentId = `${id}-current`;
  return (
    <LabelledField {...field}>
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
        aria-describedby={joinIds(
          hasText(hint) && hintId(id),
          hasCurrent && currentId,
          hasError && errorId(id),
        )}
        aria-invalid={hasError ? 'true' : undefined}
      />
    </LabelledField>
  );
}
