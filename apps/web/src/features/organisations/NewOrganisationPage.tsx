import { CreateOrganisationInput } from "@ensemble/contracts/organisations";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { Button } from "../../components/Button.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { useForm } from "../../lib/forms.ts";
import { safeNext } from "../../lib/navigation.ts";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import {
  emptyDraft,
  ORGANISATION_FIELD_KINDS,
  ORGANISATION_FIELDS,
  OrganisationFields,
  organisationFieldLabels,
  validateDraft,
} from "./OrganisationFields.tsx";
import { useCreateOrganisation } from "./organisations.queries.ts";
import "./organisations.css";

/**
 * /organisations/new: I become the owner. Afterwards to the new organisation, or back to `?next=`
 * (an invitation that needed an organisation first).
 */
export function NewOrganisationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("organisations.create.title"));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get("next");
  const form = useForm(ORGANISATION_FIELDS, ORGANISATION_FIELD_KINDS);
  const create = useCreateOrganisation();
  const [draft, setDraft] = useState(emptyDraft);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      const checked = validateDraft(CreateOrganisationInput, draft);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      const { organisation } = await create.mutateAsync(checked.data);
      navigate(next ? safeNext(next) : `/organisations/${organisation.id}`);
    });
  }

  return (
    <div className="page">
      <h1>{t("organisations.create.heading")}</h1>
      <p>{t("organisations.create.intro")}</p>
      <form ref={form.formRef} className="form card" noValidate onSubmit={onSubmit}>
        <FormErrorSummary form={form} labels={organisationFieldLabels(t)} />
        <p className="form__required-hint">{t("form.requiredHint")}</p>
        <OrganisationFields
          form={form}
          draft={draft}
          onChange={setDraft}
          optionalTitle={t("organisations.create.optional")}
        />
        <div className="form__actions">
          <Button type="submit" busy={form.busy}>
            {t("organisations.create.submit")}
          </Button>
        </div>
      </form>
    </div>
  );
}
