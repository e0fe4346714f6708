import type { InputHTMLAttributes, ReactNode } from "react";
import { describedByFor, FieldFrame } from "./FieldFrame.tsx";

export interface TextFieldProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange" | "children"> {
  id: string;
  label: string;
  value: string;
  onValueChange(value: string): void;
  /** The translated error; marks the input invalid and describes it. */
  error?: string | undefined;
  hint?: string | undefined;
  /** Rendered next to the input (e.g. the show-password toggle). */
  addon?: ReactNode;
}

/** A labelled input in the shared field frame (label, required marker, hint, error). */
export function TextField({
  id,
  label,
  value,
  onValueChange,
  error,
  hint,
  addon,
  required,
  type = "text",
  ...rest
}: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} required={required} error={error} hint={hint}>
      <input
        {...rest}
        id={id}
        type={type}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByFor(id, hint, error)}
        onChange={(event) => onValueChange(event.target.value)}
      />
      {addon}
    </FieldFrame>
  );
}

/** An email address field: the email keyboard and autofill, no automatic capitals or spelling fixes. */
export function EmailField(props: Omit<TextFieldProps, "type">) {
  return <TextField type="email" autoComplete="email" autoCapitalize="off" spellCheck={false} {...props} />;
}
