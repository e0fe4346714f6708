import { type Organisation, OrganisationKind, Sparte } from "@ensemble/contracts/organisations";
import type { TFunction } from "i18next";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { SelectField } from "../../components/SelectField.tsx";
import { TextAreaField } from "../../components/TextAreaField.tsx";
import { EmailField, TextField } from "../../components/TextField.tsx";
import type { FieldKind } from "../../lib/errors.ts";
import { type FieldErrors, type FormState, validate } from "../../lib/forms.ts";

/** The form fields of an organisation's profile (the Sparten are a checkbox group beside them). */
export const ORGANISATION_FIELDS = [
  "name",
  "kind",
  "description",
  "website",
  "address",
  "district",
  "contactName",
  "contactEmail",
  "accessibilityNotes",
] as const;
export type OrganisationField = (typeof ORGANISATION_FIELDS)[number];

/** The fields that are not typed: their errors say "choose" (for useForm). */
export const ORGANISATION_FIELD_KINDS = { kind: "select" } as const satisfies Partial<
  Record<OrganisationField, FieldKind>
>;

/** What is being typed into the profile form. */
export type OrganisationDraft = Record<OrganisationField, string> & { sparten: Sparte[] };

/** An empty draft for a new organisation (the kind must still be chosen). */
export function emptyDraft(): OrganisationDraft {
  return {
    name: "",
    kind: "",
    sparten: [],
    description: "",
    website: "",
    address: "",
    district: "",
    contactName: "",
    contactEmail: "",
    accessibilityNotes: "",
  };
}

/** The draft for editing an organisation's saved profile. */
export function draftFrom(o: Organisation): OrganisationDraft {
  return {
    name: o.name,
    kind: o.kind,
    sparten: [...o.sparten],
    description: o.description,
    website: o.website,
    address: o.address,
    district: o.district,
    contactName: o.contactName,
    contactEmail: o.contactEmail,
    accessibilityNotes: o.accessibilityNotes,
  };
}

/**
 * Checks a draft with the create or update schema. The contact email may be empty or an address;
 * the schema's "neither" is reported as an invalid address, which is what the person needs to hear.
 */
export function validateDraft<S extends z.ZodType>(
  schema: S,
  draft: OrganisationDraft,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors<OrganisationField> } {
  const checked = validate(schema, draft, ORGANISATION_FIELDS);
  if (!checked.ok && checked.errors.contactEmail === "invalid") {
    checked.errors.contactEmail = "invalid_email";
  }
  return checked;
}

/** The visible labels of the fields, for the error summary. */
export function organisationFieldLabels(t: TFunction): Record<OrganisationField, string> {
  return {
    name: t("organisations.fields.name"),
    kind: t("organisations.fields.kind"),
    description: t("organisations.fields.description"),
    website: t("organisations.fields.website"),
    address: t("organisations.fields.address"),
    district: t("organisations.fields.district"),
    contactName: t("organisations.fields.contactName"),
    contactEmail: t("organisations.fields.contactEmail"),
    accessibilityNotes: t("organisations.fields.accessibilityNotes"),
  };
}

interface OrganisationFieldsProps {
  form: FormState<OrganisationField>;
  draft: OrganisationDraft;
  onChange(draft: OrganisationDraft): void;
  /** Shown as a sub-heading before the optional profile fields (the create form). */
  optionalTitle?: string | undefined;
}

/** Name, kind, Sparten and the rest of the profile, labelled and described like every form. */
export function OrganisationFields({ form, draft, onChange, optionalTitle }: OrganisationFieldsProps) {
  const { t } = useTranslation();
  const spartenHintId = useId();
  const set = (field: OrganisationField) => (value: string) => onChange({ ...draft, [field]: value });
  const toggleSparte = (sparte: Sparte, on: boolean) =>
    onChange({
      ...draft,
      // kept in the schema's order, so the saved list reads the same however it was ticked
      sparten: Sparte.options.filter((s) => (s === sparte ? on : draft.sparten.includes(s))),
    });

  const kindOptions = [
    ...(draft.kind === "" ? [{ value: "", label: t("organisations.choose") }] : []),
    ...OrganisationKind.options.map((kind) => ({ value: kind, label: t(`organisation.kinds.${kind}`) })),
  ];

  return (
    <>
      <TextField
        id={form.ids.name}
        label={t("organisations.fields.name")}
        autoComplete="organization"
        required
        value={draft.name}
        onValueChange={set("name")}
        error={form.errorFor("name")}
      />
      <SelectField
        id={form.ids.kind}
        label={t("organisations.fields.kind")}
        required
        value={draft.kind}
        onValueChange={set("kind")}
        options={kindOptions}
        error={form.errorFor("kind")}
      />
      {optionalTitle ? <h2 className="form__group-title">{optionalTitle}</h2> : null}
      <fieldset className="field choice-group" aria-describedby={spartenHintId}>
        <legend className="field__label">{t("organisations.fields.sparten")}</legend>
        <p className="field__hint" id={spartenHintId}>
          {t("organisations.fields.spartenHint")}
        </p>
        <div className="checkbox-grid">
          {Sparte.options.map((sparte) => (
            <label key={sparte} className="choice">
              <input
                type="checkbox"
                name={`${form.ids.name}-sparten`}
                value={sparte}
                checked={draft.sparten.includes(sparte)}
                onChange={(event) => toggleSparte(sparte, event.target.checked)}
              />
              <span>{t(`organisation.sparten.${sparte}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <TextAreaField
        id={form.ids.description}
        label={t("organisations.fields.description")}
        hint={t("organisations.fields.descriptionHint")}
        value={draft.description}
        onValueChange={set("description")}
        error={form.errorFor("description")}
      />
      <TextField
        id={form.ids.website}
        type="url"
        label={t("organisations.fields.website")}
        hint={t("organisations.fields.websiteHint")}
        autoComplete="url"
        autoCapitalize="off"
        spellCheck={false}
        value={draft.website}
        onValueChange={set("website")}
        error={form.errorFor("website")}
      />
      <TextField
        id={form.ids.address}
        label={t("organisations.fields.address")}
        autoComplete="street-address"
        value={draft.address}
        onValueChange={set("address")}
        error={form.errorFor("address")}
      />
      <TextField
        id={form.ids.district}
        label={t("organisations.fields.district")}
        value={draft.district}
        onValueChange={set("district")}
        error={form.errorFor("district")}
      />
      <TextField
        id={form.ids.contactName}
        label={t("organisations.fields.contactName")}
        value={draft.contactName}
        onValueChange={set("contactName")}
        error={form.errorFor("contactName")}
      />
      <EmailField
        id={form.ids.contactEmail}
        label={t("organisations.fields.contactEmail")}
        value={draft.contactEmail}
        onValueChange={set("contactEmail")}
        error={form.errorFor("contactEmail")}
      />
      <TextAreaField
        id={form.ids.accessibilityNotes}
        label={t("organisations.fields.accessibilityNotes")}
        hint={t("organisations.fields.accessibilityNotesHint")}
        value={draft.accessibilityNotes}
        onValueChange={set("accessibilityNotes")}
        error={form.errorFor("accessibilityNotes")}
      />
    </>
  );
}
