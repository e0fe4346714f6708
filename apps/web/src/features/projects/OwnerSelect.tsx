import { useTranslation } from "react-i18next";
import {
  SelectField,
  type SelectFieldProps,
  type SelectOption,
  type SelectOptionGroup,
} from "../../components/SelectField.tsx";
import type { useOwnerNetworks, useOwnerOrganisations } from "./projects.queries.ts";

/** My organisations as the owner choice lists them. */
export type Organisations = NonNullable<ReturnType<typeof useOwnerOrganisations>["data"]>;
/** My networks as the owner choice lists them. */
export type Networks = NonNullable<ReturnType<typeof useOwnerNetworks>["data"]>;

interface OwnerSelectProps extends Omit<SelectFieldProps, "options"> {
  organisations: Organisations;
  networks: Networks;
  /** The first option, with the value "" ("all", or "please choose"). */
  emptyLabel: string;
}

/**
 * A select of my organisations (values "org:<id>") and my networks ("net:<id>"), each group under
 * its own heading (optgroup), so screen readers say which kind an entry is.
 */
export function OwnerSelect({ organisations, networks, emptyLabel, ...rest }: OwnerSelectProps) {
  const { t } = useTranslation();
  const options: (SelectOption | SelectOptionGroup)[] = [{ value: "", label: emptyLabel }];
  if (organisations.length > 0) {
    options.push({
      group: t("projects.list.filter.organisations"),
      options: organisations.map((o) => ({ value: `org:${o.id}`, label: o.name })),
    });
  }
  if (networks.length > 0) {
    options.push({
      group: t("projects.list.filter.networks"),
      options: networks.map((n) => ({ value: `net:${n.id}`, label: n.name })),
    });
  }
  return <SelectField {...rest} options={options} />;
}
