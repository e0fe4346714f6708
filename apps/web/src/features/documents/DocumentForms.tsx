import {
  CreateDocumentInput,
  CreateFolderInput,
  type Document,
  type DocumentFolder,
  type DocumentTemplate,
  UpdateDocumentInput,
} from "@ensemble/contracts/documents";
import type { TFunction } from "i18next";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { LoadFailed } from "../../components/PageStatus.tsx";
import { SelectField, type SelectOption, type SelectOptionGroup } from "../../components/SelectField.tsx";
import { TextField } from "../../components/TextField.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { useForm, validate } from "../../lib/forms.ts";
import type { useCreateDocument } from "./documents.queries.ts";
import { useDocumentTemplates } from "./documents.queries.ts";
import { folderChoices } from "./documents.tree.ts";
import { DialogActions } from "./FormDialog.tsx";
import { DeleteTemplateControl } from "./templates/DeleteTemplateControl.tsx";

const BLANK = "";

function templateOptions(t: TFunction, templates: readonly DocumentTemplate[]) {
  const options: (SelectOption | SelectOptionGroup)[] = [
    { value: BLANK, label: t("documents.create.blank") },
  ];
  const builtin = templates.filter((tpl) => tpl.source === "builtin");
  if (builtin.length > 0) {
    options.push({
      group: t("documents.create.builtinGroup"),
      options: builtin.map((tpl) => ({ value: tpl.id, label: tpl.name })),
    });
  }
  // Saved templates under their organisation's or network's name, in the order the API gives.
  const owners = new Map<string, { name: string; options: SelectOption[] }>();
  for (const tpl of templates) {
    if (tpl.source === "builtin" || !tpl.owner) {
      continue;
    }
    const entry = owners.get(tpl.owner.id) ?? { name: tpl.owner.name, options: [] };
    entry.options.push({ value: tpl.id, label: tpl.name });
    owners.set(tpl.owner.id, entry);
  }
  for (const owner of owners.values()) {
    options.push({ group: t("documents.create.savedGroup", { name: owner.name }), options: owner.options });
  }
  return options;
}

const CREATE_FIELDS = ["title", "templateId"] as const;

/** The form of "Neues Dokument": a title and a template (or blank), created in the folder shown. */
export function CreateDocumentForm({
  projectId,
  create,
  folder,
  onCancel,
  onCreated,
}: {
  projectId: string;
  /** The create mutation (its owner tells the dialog while it runs). */
  create: ReturnType<typeof useCreateDocument>;
  /** The folder the document goes into (null: the top level). */
  folder: DocumentFolder | null;
  onCancel(): void;
  onCreated(document: Document): void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const form = useForm(CREATE_FIELDS, { templateId: "select" });
  const templates = useDocumentTemplates(projectId, language, true);
  const [title, setTitle] = useState("");
  const [templateId, setTemplateId] = useState(BLANK);
  const chosen = templates.data?.find((tpl) => tpl.id === templateId);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      const input = {
        title,
        folderId: folder?.id ?? null,
        ...(templateId === BLANK ? {} : { templateId, language }),
      };
      const checked = validate(CreateDocumentInput, input, ["title"] as const);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      const { document } = await create.mutateAsync(checked.data);
      onCreated(document);
    });
  }

  const labels = { title: t("documents.create.titleLabel"), templateId: t("documents.create.template") };
  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary form={form} labels={labels} />
      <TextField
        id={form.ids.title}
        label={labels.title}
        required
        autoComplete="off"
        value={title}
        onValueChange={setTitle}
        error={form.errorFor("title")}
        hint={folder ? t("documents.create.inFolder", { name: folder.name }) : t("documents.create.atTop")}
      />
      {templates.isError ? (
        <LoadFailed
          message={t("documents.create.templatesFailed")}
          error={templates.error}
          onRetry={() => void templates.refetch()}
        />
      ) : (
        <SelectField
          id={form.ids.templateId}
          label={labels.templateId}
          value={templateId}
          onValueChange={setTemplateId}
          options={templateOptions(t, templates.data ?? [])}
          error={form.errorFor("templateId")}
          hint={chosen?.description || (templates.isPending ? t("app.loading") : undefined)}
          aria-busy={templates.isPending || undefined}
        />
      )}
      <DeleteTemplateControl
        template={chosen}
        selectId={form.ids.templateId}
        onDeleted={() => setTemplateId(BLANK)}
      />
      <DialogActions submitLabel={t("documents.create.submit")} busy={form.busy} onCancel={onCancel} />
    </form>
  );
}

const NAME_FIELDS = ["name", "title"] as const;

/** What a name form names: a folder (its `name`) or a document (its `title`). */
export type NameKind = "folder" | "document";

/** One text field and a submit: new folder, rename folder, rename document. */
export function NameForm({
  kind,
  label,
  initial,
  submitLabel,
  onCancel,
  onSave,
}: {
  kind: NameKind;
  label: string;
  initial: string;
  submitLabel: string;
  onCancel(): void;
  /** Saves the checked name; a thrown API error is shown on the form. */
  onSave(name: string): Promise<void>;
}) {
  const form = useForm(NAME_FIELDS);
  // the contract's field: the API reports its problems under this name too
  const field = kind === "folder" ? "name" : "title";
  const [value, setValue] = useState(initial);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      const checked =
        kind === "folder"
          ? validate(CreateFolderInput, { name: value }, ["name"] as const)
          : validate(UpdateDocumentInput, { title: value }, ["title"] as const);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      await onSave(value.trim());
    });
  }

  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary form={form} labels={{ name: label, title: label }} />
      <TextField
        id={form.ids[field]}
        label={label}
        required
        autoComplete="off"
        value={value}
        onValueChange={setValue}
        error={form.errorFor(field)}
      />
      <DialogActions submitLabel={submitLabel} busy={form.busy} onCancel={onCancel} />
    </form>
  );
}

const MOVE_FIELDS = ["folderId"] as const;
const TOP = "top";

/** Where to move a document or folder: the top level or any folder (not into itself). */
export function MoveForm({
  folders,
  current,
  exclude,
  onCancel,
  onSave,
}: {
  folders: readonly DocumentFolder[];
  /** Where it is now (null: the top level). */
  current: string | null;
  /** A folder being moved: it and its subfolders are no choice. */
  exclude: string | null;
  onCancel(): void;
  onSave(folderId: string | null): Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useForm(MOVE_FIELDS, { folderId: "select" });
  const [target, setTarget] = useState(current ?? TOP);
  const choices = folderChoices(folders, currentLanguage(), exclude);
  const options: SelectOption[] = [
    { value: TOP, label: t("documents.move.top") },
    ...choices.map((c) => ({ value: c.id, label: c.label })),
  ];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      await onSave(target === TOP ? null : target);
    });
  }

  const label = t("documents.move.target");
  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary form={form} labels={{ folderId: label }} />
      <SelectField
        id={form.ids.folderId}
        label={label}
        value={target}
        onValueChange={setTarget}
        options={options}
        error={form.errorFor("folderId")}
      />
      <DialogActions submitLabel={t("documents.move.submit")} busy={form.busy} onCancel={onCancel} />
    </form>
  );
}
