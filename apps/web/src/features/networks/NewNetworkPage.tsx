import { CreateNetworkInput } from "@ensemble/contracts/networks";
import type { OrganisationSummary } from "@ensemble/contracts/organisations";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Button } from "../../components/Button.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { SelectField } from "../../components/SelectField.tsx";
import { TextAreaField } from "../../components/TextAreaField.tsx";
import { TextField } from "../../components/TextField.tsx";
import { useForm, validate } from "../../lib/forms.ts";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import "./networks.css";
import { useCreateNetwork, useMyOrganisations } from "./networks.queries.ts";

const FIELDS = ["organisationId", "name", "description"] as const;

/** Organisations whose admins may found a network. */
export function foundingOrganisations(list: readonly OrganisationSummary[]): OrganisationSummary[] {
  return list.filter((o) => o.myRole === "owner" || o.myRole === "admin");
}

/** /networks/new: found a network coordinated by one of my organisations. */
export function NewNetworkPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("networks.create.title"));
  const organisations = useMyOrganisations();

  return (
    <div className="page networks">
      <h1>{t("networks.create.heading")}</h1>
      <p>{t("networks.create.intro")}</p>
      {organisations.isPending ? <Loading /> : null}
      {organisations.isError ? (
        <LoadFailed
          message={t("networks.create.loadFailed")}
          error={organisations.error}
          onRetry={() => void organisations.refetch()}
        />
      ) : null}
      {organisations.data ? <CreateNetworkForm choices={foundingOrganisations(organisations.data)} /> : null}
    </div>
  );
}

function CreateNetworkForm({ choices }: { choices: OrganisationSummary[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const form = useForm(FIELDS, { organisationId: "select" });
  const create = useCreateNetwork();
  const wanted = params.get("organisationId");
  const [organisationId, setOrganisationId] = useState(() => {
    if (wanted && choices.some((o) => o.id === wanted)) {
      return wanted;
    }
    return choices.length === 1 ? (choices[0]?.id ?? "") : "";
  });
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");

  if (choices.length === 0) {
    return (
      <div className="notice notice--warning">
        <p>{t("networks.create.noOrganisations")}</p>
        <p>
          <Link to="/organisations">{t("networks.create.toOrganisations")}</Link>
        </p>
      </div>
    );
  }

  const labels = {
    organisationId: t("networks.create.organisation"),
    name: t("networks.create.name"),
    description: t("networks.create.description"),
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      const checked = validate(CreateNetworkInput, { organisationId, name, description }, FIELDS);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      const network = await create.mutateAsync(checked.data);
      navigate(`/networks/${network.id}`);
    });
  }

  return (
    <form ref={form.formRef} className="form card" noValidate onSubmit={onSubmit}>
      <FormErrorSummary form={form} labels={labels} />
      <p className="form__required-hint">{t("form.requiredHint")}</p>
      <SelectField
        id={form.ids.organisationId}
        label={labels.organisationId}
        hint={t("networks.create.organisationHint")}
        required
        value={organisationId}
        onValueChange={setOrganisationId}
        error={form.errorFor("organisationId")}
        options={[
          ...(organisationId === "" ? [{ value: "", label: t("networks.create.choose") }] : []),
          ...choices.map((o) => ({ value: o.id, label: o.name })),
        ]}
      />
      <TextField
        id={form.ids.name}
        label={labels.name}
        required
        autoComplete="off"
        value={name}
        onValueChange={setName}
        error={form.errorFor("name")}
      />
      <TextAreaField
        id={form.ids.description}
        label={labels.description}
        hint={t("networks.create.descriptionHint")}
        value={description}
        onValueChange={setDescription}
        error={form.errorFor("description")}
      />
      <div className="form__actions">
        <Button type="submit" busy={form.busy}>
          {t("networks.create.submit")}
        </Button>
        <Link to="/networks">{t("app.cancel")}</Link>
      </div>
    </form>
  );
}
