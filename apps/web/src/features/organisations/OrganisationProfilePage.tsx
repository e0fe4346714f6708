import { type Organisation, UpdateOrganisationInput } from "@ensemble/contracts/organisations";
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { CardSection } from "../../components/CardSection.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { useForm } from "../../lib/forms.ts";
import {
  draftFrom,
  ORGANISATION_FIELD_KINDS,
  ORGANISATION_FIELDS,
  OrganisationFields,
  organisationFieldLabels,
  validateDraft,
} from "./OrganisationFields.tsx";
import { useOrganisationOutlet, useOrganisationTitle } from "./OrganisationLayout.tsx";
import { useUpdateOrganisation } from "./organisations.queries.ts";

/** /organisations/:id: the profile, and for admins a form to change it. */
export function OrganisationProfilePage() {
  const { t } = useTranslation();
  const organisation = useOrganisationOutlet();
  useOrganisationTitle(t("organisations.nav.profile"), organisation);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const wasEditing = useRef(false);

  useEffect(() => {
    // back from the form: to the heading after saving (the news is announced), else to the button
    if (!editing && wasEditing.current) {
      (saved ? headingRef.current : editRef.current)?.focus();
    }
    wasEditing.current = editing;
  }, [editing, saved]);

  return (
    <CardSection
      title={editing ? t("organisations.profile.editHeading") : t("organisations.profile.heading")}
      headingRef={headingRef}
    >
      {editing ? (
        <ProfileForm
          organisation={organisation}
          onDone={(didSave) => {
            setSaved(didSave);
            setEditing(false);
          }}
        />
      ) : (
        <>
          <ProfileCompleteness organisation={organisation} />
          <ProfileView organisation={organisation} />
          {organisation.abilities.update ? (
            <div className="section-actions">
              <Button
                ref={editRef}
                variant="secondary"
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                {t("organisations.profile.edit")}
              </Button>
            </div>
          ) : null}
        </>
      )}
      <StatusMessage message={saved && !editing ? t("organisations.profile.saved") : null} />
    </CardSection>
  );
}

function ProfileCompleteness({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  if (organisation.profileComplete) {
    return (
      <p className="profile-completeness">
        <span className="profile-status profile-status--complete">{t("organisations.profile.complete")}</span>
      </p>
    );
  }
  return (
    <div className="notice notice--warning profile-completeness">
      <p>
        <strong>{t("organisations.profile.incomplete")}</strong>
      </p>
      {organisation.abilities.update ? <p>{t("organisations.profile.incompleteHint")}</p> : null}
    </div>
  );
}

function ProfileView({ organisation: o }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const none = <span className="profile-list__none">{t("organisations.profile.notGiven")}</span>;
  const text = (value: string): ReactNode => (value === "" ? none : value);
  return (
    <dl className="profile-list">
      <dt>{t("organisations.fields.name")}</dt>
      <dd>{o.name}</dd>
      <dt>{t("organisations.fields.kind")}</dt>
      <dd>{t(`organisation.kinds.${o.kind}`)}</dd>
      <dt>{t("organisations.fields.sparten")}</dt>
      <dd>
        {o.sparten.length === 0 ? (
          none
        ) : (
          <ul className="tag-list">
            {o.sparten.map((s) => (
              <li key={s}>{t(`organisation.sparten.${s}`)}</li>
            ))}
          </ul>
        )}
      </dd>
      <dt>{t("organisations.fields.description")}</dt>
      <dd>{text(o.description)}</dd>
      <dt>{t("organisations.fields.website")}</dt>
      <dd>
        {o.website === "" ? (
          none
        ) : (
          <a href={o.website} rel="noopener noreferrer nofollow">
            {o.website}
          </a>
        )}
      </dd>
      <dt>{t("organisations.fields.address")}</dt>
      <dd>{text(o.address)}</dd>
      <dt>{t("organisations.fields.district")}</dt>
      <dd>{text(o.district)}</dd>
      <dt>{t("organisations.fields.contactName")}</dt>
      <dd>{text(o.contactName)}</dd>
      <dt>{t("organisations.fields.contactEmail")}</dt>
      <dd>{o.contactEmail === "" ? none : <a href={`mailto:${o.contactEmail}`}>{o.contactEmail}</a>}</dd>
      <dt>{t("organisations.fields.accessibilityNotes")}</dt>
      <dd>{text(o.accessibilityNotes)}</dd>
    </dl>
  );
}

function ProfileForm({ organisation, onDone }: { organisation: Organisation; onDone(saved: boolean): void }) {
  const { t } = useTranslation();
  const form = useForm(ORGANISATION_FIELDS, ORGANISATION_FIELD_KINDS);
  const update = useUpdateOrganisation(organisation.id);
  const [draft, setDraft] = useState(() => draftFrom(organisation));
  const formId = form.ids.name;

  useEffect(() => {
    document.getElementById(formId)?.focus();
  }, [formId]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      const checked = validateDraft(UpdateOrganisationInput, draft);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      await update.mutateAsync(checked.data);
      onDone(true);
    });
  }

  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary form={form} labels={organisationFieldLabels(t)} />
      <p className="form__required-hint">{t("form.requiredHint")}</p>
      <OrganisationFields form={form} draft={draft} onChange={setDraft} />
      <div className="form__actions">
        <Button type="submit" busy={form.busy}>
          {t("organisations.profile.save")}
        </Button>
        <Button variant="secondary" disabled={form.busy} onClick={() => onDone(false)}>
          {t("app.cancel")}
        </Button>
      </div>
    </form>
  );
}
