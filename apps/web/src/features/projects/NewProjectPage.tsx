import { CreateProjectInput, type ProjectColor } from "@ensemble/contracts/projects";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Button } from "../../components/Button.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { TextAreaField } from "../../components/TextAreaField.tsx";
import { TextField } from "../../components/TextField.tsx";
import { type FieldErrors, useForm, validate } from "../../lib/forms.ts";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import { ColorChoiceField } from "./ColorChoiceField.tsx";
import { type Networks, type Organisations, OwnerSelect } from "./OwnerSelect.tsx";
import { ownerFields, ownerFromSearch, ownerValue, parseOwnerValue } from "./projects.owner.ts";
import { useCreateProject, useOwnerNetworks, useOwnerOrganisations } from "./projects.queries.ts";
import "./projects.css";

const FIELDS = ["name", "description", "color", "owner"] as const;
type Field = (typeof FIELDS)[number];

/** /projects/new: create a project in one of my organisations or networks; I become its lead. */
export function NewProjectPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("projects.create.title"));
  const organisations = useOwnerOrganisations();
  const networks = useOwnerNetworks();

  let body: ReactNode;
  if (organisations.isError || networks.isError) {
    body = (
      <LoadFailed
        message={t("projects.list.ownersLoadFailed")}
        error={organisations.error ?? networks.error}
        onRetry={() => {
          void organisations.refetch();
          void networks.refetch();
        }}
      />
    );
  } else if (!organisations.data || !networks.data) {
    body = <Loading />;
  } else if (organisations.data.length + networks.data.length === 0) {
    body = (
      <div className="empty-state">
        <p>{t("projects.create.noOwners")}</p>
        <p>
          <Link to="/organisations">{t("projects.create.toOrganisations")}</Link>
        </p>
      </div>
    );
  } else {
    body = <CreateProjectForm organisations={organisations.data} networks={networks.data} />;
  }

  return (
    <div className="page">
      <h1>{t("projects.create.heading")}</h1>
      {body}
    </div>
  );
}

/** The owner to start with: the one named in the address if it is mine, or my only choice. */
function initialOwner(params: URLSearchParams, organisations: Organisations, networks: Networks): string {
  const wanted = ownerFromSearch(params);
  if (wanted) {
    const known =
      wanted.kind === "organisation"
        ? organisations.some((o) => o.id === wanted.id)
        : networks.some((n) => n.id === wanted.id);
    if (known) {
      return ownerValue(wanted);
    }
  }
  const [onlyOrganisation] = organisations;
  if (onlyOrganisation && organisations.length === 1 && networks.length === 0) {
    return ownerValue({ kind: "organisation", id: onlyOrganisation.id });
  }
  return "";
}

function CreateProjectForm({
  organisations,
  networks,
}: {
  organisations: Organisations;
  networks: Networks;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const form = useForm(FIELDS, { owner: "select" });
  const create = useCreateProject();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [color, setColor] = useState<ProjectColor>("blue");
  const [owner, setOwner] = useState(() => initialOwner(params, organisations, networks));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      const ownerRef = parseOwnerValue(owner);
      const checked = validate(CreateProjectInput, { name, description, color, ...ownerFields(ownerRef) }, [
        "name",
        "description",
        "color",
      ] as const);
      const errors: FieldErrors<Field> = checked.ok ? {} : { ...checked.errors };
      if (!ownerRef) {
        errors.owner = "required";
      }
      if (!checked.ok || errors.owner) {
        form.fail(errors);
        return;
      }
      const { project } = await create.mutateAsync(checked.data);
      navigate(`/projects/${project.id}`);
    });
  }

  const labels: Record<Field, string> = {
    name: t("projects.create.name"),
    description: t("projects.create.description"),
    color: t("projects.create.color"),
    owner: t("projects.create.owner"),
  };
  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary form={form} labels={labels} />
      <p className="form__required-hint">{t("form.requiredHint")}</p>
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
        hint={t("projects.create.descriptionHint")}
        rows={5}
        value={description}
        onValueChange={setDescription}
        error={form.errorFor("description")}
      />
      <ColorChoiceField id={form.ids.color} label={labels.color} value={color} onValueChange={setColor} />
      <OwnerSelect
        id={form.ids.owner}
        label={labels.owner}
        hint={t("projects.create.ownerHint")}
        required
        value={owner}
        onValueChange={setOwner}
        organisations={organisations}
        networks={networks}
        emptyLabel={t("projects.create.chooseOwner")}
        error={form.errorFor("owner")}
      />
      <div className="form__actions">
        <Button type="submit" busy={form.busy}>
          {t("projects.create.submit")}
        </Button>
        <Link to="/projects">{t("app.cancel")}</Link>
      </div>
    </form>
  );
}
