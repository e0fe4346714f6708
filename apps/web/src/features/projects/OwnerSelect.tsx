import type { SelectHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { describedByFor, FieldFrame } from "../../components/FieldFrame.tsx";
import type { useOwnerNetworks, useOwnerOrganisations } from "./projects.queries.ts";

/** My organisations as the owner choice lists them. */
export type Organisations = NonNullable<ReturnType<typeof useOwnerOrganisations>["data"]>;
/** My networks as the owner choice lists them. */
export type Networks = NonNullable<ReturnType<typeof useOwnerNetworks>["data"]>;

interface OwnerSelectProps
  extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "value" | "onChange" | "children"> {
  id: string;
  label: string;
  value: string;
  onValueChange(value: string): void;
  organisations: Organisations;
  networks: Networks;
  /** The first option, with the value "" ("all", or "please choose"). */
  emptyLabel: string;
  error?: string | undefined;
  hint?: string | undefined;
}

/**
 * A native select of my organisations (values "org:<id>") and my networks ("net:<id>"), each group
 * under its own heading (optgroup), so screen readers say which kind an entry is.
 */
export function OwnerSelect({
  id,
  label,
  value,
  onValueChange,
  organisations,
  networks,
  emptyLabel,
  error,
  hint,
  required,
  ...rest
}: OwnerSelectProps) {
  const { t } = useTranslation();
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
        <option value="">{emptyLabel}</option>
        {organisations.length > 0 ? (
          <optgroup label={t("projects.list.filter.organisations")}>
            {organisations.map((o) => (
              <option key={o.id} value={`org:${o.id}`}>
                {o.name}
              </option>
            ))}
          </optgroup>
        ) : null}
        {networks.length > 0 ? (
          <optgroup label={t("projects.list.filter.networks")}>
            {networks.map((n) => (
              <option key={n.id} value={`net:${n.id}`}>
                {n.name}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
    </FieldFrame>
  );
}
