import type { SelectHTMLAttributes } from "react";
import { describedByFor, FieldFrame } from "./FieldFrame.tsx";

export interface SelectOption {
  value: string;
  label: string;
}

/** Options under a heading (an <optgroup>), so screen readers say which kind an entry is. */
export interface SelectOptionGroup {
  group: string;
  options: readonly SelectOption[];
}

export interface SelectFieldProps
  extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "value" | "onChange" | "children"> {
  id: string;
  label: string;
  value: string;
  onValueChange(value: string): void;
  options: readonly (SelectOption | SelectOptionGroup)[];
  error?: string | undefined;
  hint?: string | undefined;
}

/** A labelled native select (keyboard and screen readers work as the platform does). */
export function SelectField({
  id,
  label,
  value,
  onValueChange,
  options,
  error,
  hint,
  required,
  ...rest
}: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} required={required} error={error} hint={hint}>
      <select
        {...rest}
        id={id}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByFor(id, hint, error)}
        onChange={(event) => onValueChange(event.target.value)}
      >
        {options.map((o) =>
          "group" in o ? (
            <optgroup key={o.group} label={o.group}>
              {o.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          ) : (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ),
        )}
      </select>
    </FieldFrame>
  );
}
