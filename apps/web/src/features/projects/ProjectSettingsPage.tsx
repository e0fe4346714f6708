import { type Project, type ProjectColor, UpdateProjectInput } from "@ensemble/contracts/projects";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate } from "react-router";
import { ActionError } from "../../components/ActionError.tsx";
import { Button } from "../../components/Button.tsx";
import { CardSection } from "../../components/CardSection.tsx";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { TextAreaField } from "../../components/TextAreaField.tsx";
import { TextField } from "../../components/TextField.tsx";
import { useForm, validate } from "../../lib/forms.ts";
import { ColorChoiceField } from "./ColorChoiceField.tsx";
import { type ProjectContext, projectPath, useProjectContext, useProjectTitle } from "./ProjectLayout.tsx";
import type { ProjectsNotice } from "./projects.notice.ts";
import { useChangeProjectState, useUpdateProject } from "./projects.queries.ts";
import "./projects.css";

/**
 * Whether the caller has anything to do on the settings page of this project. Unarchiving and
 * restoring are not here: the project's state notice offers them on every page of the project.
 */
export function hasProjectSettings(project: Project): boolean {
  const a = project.abilities;
  return a.update || a.archive || a.delete;
}

/** /projects/:id/settings: name, description and colour; archive and move to the trash (leads). */
export function ProjectSettingsPage() {
  const { t } = useTranslation();
  const context = useProjectContext();
  const { project } = context;
  useProjectTitle(t("projects.project.tabs.settings"), project);
  if (!hasProjectSettings(project)) {
    return <Navigate to={projectPath(project.id)} replace />;
  }
  const a = project.abilities;
  return (
    <>
      {a.update ? <GeneralSection key={project.id} project={project} /> : null}
      {a.archive ? (
        <StateSection
          context={context}
          action="archive"
          heading={t("projects.settings.archiveHeading")}
          text={t("projects.settings.archiveText")}
          button={t("projects.settings.archive")}
          done={t("projects.project.archived")}
        />
      ) : null}
      {a.delete ? <TrashSection project={project} /> : null}
    </>
  );
}

const FIELDS = ["name", "description", "color"] as const;

function GeneralSection({ project }: { project: Project }) {
  const { t } = useTranslation();
  const form = useForm(FIELDS);
  const update = useUpdateProject(project.id);
  const [name, setName] = useState(project.name);
  const [description, setDescription] = useState(project.description);
  const [color, setColor] = useState<ProjectColor>(project.color);
  const [saved, setSaved] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    void form.submit(async () => {
      const checked = validate(UpdateProjectInput, { name, description, color }, FIELDS);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      const { project: changed } = await update.mutateAsync(checked.data);
      setName(changed.name);
      setDescription(changed.description);
      setColor(changed.color);
      setSaved(true);
    });
  }

  const labels = {
    name: t("projects.settings.name"),
    description: t("projects.settings.description"),
    color: t("projects.settings.color"),
  };
  return (
    <CardSection title={t("projects.settings.generalHeading")}>
      <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary form={form} labels={labels} />
        <p className="form__required-hint">{t("form.requiredHint")}</p>
        <TextField
          id={form.ids.name}
          label={labels.name}
          required
          autoComplete="off"
          value={name}
          onValueChange={(value) => {
            setSaved(false);
            setName(value);
          }}
          error={form.errorFor("name")}
        />
        <TextAreaField
          id={form.ids.description}
          label={labels.description}
          rows={5}
          value={description}
          onValueChange={(value) => {
            setSaved(false);
            setDescription(value);
          }}
          error={form.errorFor("description")}
        />
        <ColorChoiceField
          id={form.ids.color}
          label={labels.color}
          value={color}
          onValueChange={(value) => {
            setSaved(false);
            setColor(value);
          }}
        />
        <div className="form__actions">
          <Button type="submit" busy={form.busy}>
            {t("projects.settings.save")}
          </Button>
        </div>
        <StatusMessage message={saved ? t("projects.settings.saved") : null} />
      </form>
    </CardSection>
  );
}

interface StateSectionProps {
  context: ProjectContext;
  action: "archive";
  heading: string;
  text: string;
  button: string;
  /** Announced once it worked. */
  done: string;
}

/** Archive: reversible (the notice then offers to unarchive), so one click without a question. */
function StateSection({ context, action, heading, text, button, done }: StateSectionProps) {
  const change = useChangeProjectState();

  function run() {
    if (change.isPending) {
      return;
    }
    change.mutate(
      { id: context.project.id, action },
      {
        onSuccess: () => {
          context.announce(done);
          // This section goes away with the state it offered to change.
          context.focusHeading();
        },
      },
    );
  }

  return (
    <CardSection title={heading}>
      <p>{text}</p>
      <div className="form__actions">
        <Button variant="secondary" busy={change.isPending} onClick={run}>
          {button}
        </Button>
      </div>
      <ActionError error={change.error} />
    </CardSection>
  );
}

function TrashSection({ project }: { project: Project }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const change = useChangeProjectState();
  const [confirming, setConfirming] = useState(false);

  function confirmTrash() {
    if (change.isPending) {
      return;
    }
    change.mutate(
      { id: project.id, action: "trash" },
      {
        onSuccess: () => {
          const notice: ProjectsNotice = { kind: "trashed", name: project.name };
          navigate("/projects?view=trash", { state: { projectsNotice: notice } });
        },
      },
    );
  }

  return (
    <CardSection title={t("projects.settings.deleteHeading")} tone="danger">
      <p>{t("projects.settings.deleteText")}</p>
      <div className="form__actions">
        <Button
          variant="danger"
          onClick={() => {
            change.reset();
            setConfirming(true);
          }}
        >
          {t("projects.settings.delete")}
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t("projects.settings.deleteTitle", { name: project.name })}
        confirmLabel={t("projects.settings.deleteConfirm")}
        busy={change.isPending}
        error={change.error}
        onConfirm={confirmTrash}
        onCancel={() => {
          setConfirming(false);
          change.reset();
        }}
      >
        <p>{t("projects.settings.deleteConfirmText")}</p>
      </ConfirmDialog>
    </CardSection>
  );
}
