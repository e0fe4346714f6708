import {
  type Document,
  type DocumentTemplate,
  SaveAsTemplateInput,
  type TemplateTarget,
} from "@ensemble/contracts/documents";
import type { TFunction } from "i18next";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button.tsx";
import { FormErrorSummary } from "../../../components/FormErrorSummary.tsx";
import { SelectField } from "../../../components/SelectField.tsx";
import { LiveText } from "../../../components/StatusMessage.tsx";
import { TextAreaField } from "../../../components/TextAreaField.tsx";
import { TextField } from "../../../components/TextField.tsx";
import { asApiError } from "../../../lib/api.ts";
import { useForm, validate } from "../../../lib/forms.ts";
import { useFocusAfterRender } from "../../../lib/useFocusAfterRender.ts";
import { DialogActions, FormDialog } from "../FormDialog.tsx";
import { useSaveAsTemplate, useTemplateTargets } from "./templates.queries.ts";
import "./templates.css";

/** One target as a select value (an organisation and a network may share no id, but be sure). */
function targetKey(target: TemplateTarget): string {
  return `${target.kind}:${target.id}`;
}

function targetLabel(t: TFunction, target: TemplateTarget): string {
  return target.kind === "network"
    ? t("documentTemplates.save.network", { name: target.name })
    : t("documentTemplates.save.organisation", { name: target.name });
}

/**
 * "Als Vorlage speichern" in the editor's bar: for everyone who may save this document as a
 * template somewhere (the API's template targets; nobody else sees the button). Opens a dialog
 * with the name (the document's title to start with), a description and, when there are several,
 * the organisation or network it is for; success is announced beside the button, which gets focus back.
 */
export function SaveAsTemplateButton({ document }: { document: Document }) {
  const { t } = useTranslation();
  const trashed = document.deletedAt !== null;
  const targets = useTemplateTargets(document.id, !trashed);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ text: string; key: number } | null>(null);
  const list = targets.data ?? [];

  function saved(template: DocumentTemplate) {
    setOpen(false);
    setSaid({
      text: t("documentTemplates.save.done", { name: template.name, owner: template.owner?.name ?? "" }),
      key: Date.now(),
    });
  }

  return (
    <div className="template-save">
      {!trashed && list.length > 0 ? (
        <Button
          variant="secondary"
          className="button--small"
          aria-haspopup="dialog"
          onClick={() => {
            setSaid(null);
            setOpen(true);
          }}
        >
          {t("documentTemplates.save.open")}
        </Button>
      ) : null}
      <LiveText text={said?.text} announceKey={String(said?.key ?? "")} className="template-save__status" />
      <FormDialog
        open={open}
        title={t("documentTemplates.save.title", { title: document.title })}
        busy={busy}
        onCancel={() => setOpen(false)}
      >
        <SaveAsTemplateForm
          document={document}
          targets={list}
          onRecheckTargets={() => void targets.refetch()}
          onBusy={setBusy}
          onCancel={() => setOpen(false)}
          onSaved={saved}
        />
      </FormDialog>
    </div>
  );
}

const FIELDS = ["name", "description", "owner"] as const;

function SaveAsTemplateForm({
  document,
  targets,
  onRecheckTargets,
  onBusy,
  onCancel,
  onSaved,
}: {
  document: Document;
  targets: readonly TemplateTarget[];
  /** The API refused the owner: where may I save now? */
  onRecheckTargets(): void;
  /** Tells the dialog while the form is being sent (it then ignores Escape). */
  onBusy(busy: boolean): void;
  onCancel(): void;
  onSaved(template: DocumentTemplate): void;
}) {
  const { t } = useTranslation();
  const form = useForm(FIELDS, { owner: "select" });
  const save = useSaveAsTemplate(document.id);
  const [name, setName] = useState(document.title);
  const [description, setDescription] = useState("");
  const [ownerKey, setOwnerKey] = useState(targets[0] ? targetKey(targets[0]) : "");
  const [refused, setRefused] = useState<string | null>(null);
  const refusedRef = useRef<HTMLParagraphElement>(null);
  const focusRefused = useFocusAfterRender(refusedRef);
  // the targets may change while the dialog is open (fetched again after a refusal)
  const owner = targets.find((target) => targetKey(target) === ownerKey) ?? targets[0];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!owner) {
      return;
    }
    setRefused(null);
    onBusy(true);
    void form
      .submit(async () => {
        const checked = validate(
          SaveAsTemplateInput,
          { name, description, owner: { kind: owner.kind, id: owner.id } },
          ["name", "description"] as const,
        );
        if (!checked.ok) {
          form.fail(checked.errors);
          return;
        }
        try {
          const { template } = await save.mutateAsync(checked.data);
          onSaved(template);
        } catch (error) {
          const code = asApiError(error).code;
          if (code !== "forbidden" && code !== "not_found") {
            throw error;
          }
          // no (longer) allowed for this owner: say so where the owner is, and ask again
          setRefused(t("documentTemplates.save.refused", { name: owner.name }));
          focusRefused();
          onRecheckTargets();
        }
      })
      .finally(() => onBusy(false));
  }

  const labels = {
    name: t("documentTemplates.save.name"),
    description: t("documentTemplates.save.description"),
    owner: t("documentTemplates.save.owner"),
  };
  return (
    <form ref={form.formRef} className="form template-save__form" noValidate onSubmit={onSubmit}>
      <p>{t("documentTemplates.save.intro")}</p>
      <FormErrorSummary form={form} labels={labels} />
      {refused ? (
        <p ref={refusedRef} role="alert" tabIndex={-1} className="notice notice--error">
          {refused}
        </p>
      ) : null}
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
        rows={3}
        value={description}
        onValueChange={setDescription}
        error={form.errorFor("description")}
        hint={t("documentTemplates.save.descriptionHint")}
      />
      {targets.length > 1 && owner ? (
        <SelectField
          id={form.ids.owner}
          label={labels.owner}
          required
          value={targetKey(owner)}
          onValueChange={setOwnerKey}
          options={targets.map((target) => ({ value: targetKey(target), label: targetLabel(t, target) }))}
          error={form.errorFor("owner")}
          hint={t("documentTemplates.save.ownerHint")}
        />
      ) : owner ? (
        <p className="template-save__owner">{t("documentTemplates.save.ownerOnly", { name: owner.name })}</p>
      ) : (
        <p role="alert" className="notice notice--error">
          {t("documentTemplates.save.noTargets")}
        </p>
      )}
      {owner ? (
        <DialogActions
          submitLabel={t("documentTemplates.save.submit")}
          busy={form.busy}
          onCancel={onCancel}
        />
      ) : (
        <div className="form__actions">
          <Button variant="secondary" onClick={onCancel}>
            {t("app.cancel")}
          </Button>
        </div>
      )}
    </form>
  );
}
