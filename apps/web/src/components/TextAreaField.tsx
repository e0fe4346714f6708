import type { TextareaHTMLAttributes } from "react";
import { describedByFor, FieldFrame } from "./FieldFrame.tsx";

export interface TextAreaFieldProps
  extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "value" | "onChange" | "children"> {
  id: string;
  label: string;
  value: string;
  onValueChange(value: string): void;
  error?: string | undefined;
  hint?: string | undefined;
}

/** A labelled multi-line text field. */
export function TextAreaField({
  id,
  label,
  value,
  onValueChange,
  error,
  hint,
  required,
  rows = 4,
  ...rest
}: TextAreaFieldProps) {
  return (
    <FieldFrame id={id} label={label} required={required} error={error} hint={hint}>
      <textarea
        {...rest}
        id={id}
        rows={rows}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByFor(id, hint, error)}
        onChange={(event) => onValueChange(event.target.value)}
      />
    </FieldFrame>
  );
}
