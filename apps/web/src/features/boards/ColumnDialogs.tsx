import { type BoardColumn, CreateColumnInput } from "@ensemble/contracts/boards";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { SelectField } from "../../components/SelectField.tsx";
import { TextField } from "../../components/TextField.tsx";
import { asApiError } from "../../lib/api.ts";
import { useForm, validate } from "../../lib/forms.ts";
import { DialogActions } from "../documents/FormDialog.tsx";
import { parseWipLimit } from "./boards.format.ts";

const COLUMN_FIELDS = ["name", "wipLimit"] as const;

/** What a column form sends: the name, the WIP limit (null: none), and whether it is a done column. */
export interface ColumnValues {
  name: string;
  wipLimit: number | null;
  isDone: boolean;
}

/** A new column, or the settings of one: name, WIP limit, done flag. */
export function ColumnForm({
  column,
  submitLabel,
  onCancel,
  onSave,
}: {
  column: BoardColumn | null;
  submitLabel: string;
  onCancel(): void;
  onSave(values: ColumnValues): Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useForm(COLUMN_FIELDS);
  const doneId = useId();
  const [name, setName] = useState(column?.name ?? "");
  const [limit, setLimit] = useState(column?.wipLimit === null || !column ? "" : String(column.wipLimit));
  const [isDone, setIsDone] = useState(column?.isDone ?? false);
  const labels = { name: t("boards.column.name"), wipLimit: t("boards.column.wipLimit") };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      const wipLimit = parseWipLimit(limit);
      const checked = validate(
        CreateColumnInput,
        { name, wipLimit: wipLimit === "invalid" ? 0 : wipLimit, isDone },
        ["name"] as const,
      );
      const errors = checked.ok ? {} : { ...checked.errors };
      if (wipLimit === "invalid") {
        Object.assign(errors, { wipLimit: "invalid" });
      }
      if (!checked.ok || wipLimit === "invalid") {
        form.fail(errors);
        return;
      }
      await onSave({ name: checked.data.name, wipLimit, isDone });
    });
  }

  const limitError = form.fieldErrors.wipLimit ? t("boards.column.invalidLimit") : undefined;
  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary form={form} labels={labels} />
      <TextField
        id={form.ids.name}
        label={labels.name}
        required
        autoComplete="off"
        value={name}
        onValueChange={setName}
        error={form.errorFor("name")}
      />
      <TextField
        id={form.ids.wipLimit}
        label={labels.wipLimit}
        inputMode="numeric"
        autoComplete="off"
        value={limit}
        onValueChange={setLimit}
        error={limitError}
        hint={t("boards.column.wipLimitHint")}
      />
      <div className="field">
        <div className="choice">
          <input
            id={doneId}
            type="checkbox"
            checked={isDone}
            aria-describedby={`${doneId}-hint`}
            onChange={(event) => setIsDone(event.target.checked)}
          />
          <label htmlFor={doneId}>{t("boards.column.isDone")}</label>
        </div>
        <p className="field__hint" id={`${doneId}-hint`}>
          {t("boards.column.isDoneHint")}
        </p>
      </div>
      <DialogActions submitLabel={submitLabel} busy={form.busy} onCancel={onCancel} />
    </form>
  );
}

const DELETE_FIELDS = ["moveTo"] as const;

/** Deleting a column: where its tasks go (another column of the board), then delete. */
export function DeleteColumnForm({
  others,
  taskCount,
  onCancel,
  onDelete,
}: {
  others: readonly BoardColumn[];
  taskCount: number;
  onCancel(): void;
  onDelete(moveTo: BoardColumn): Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useForm(DELETE_FIELDS, { moveTo: "select" });
  const [moveTo, setMoveTo] = useState(others[0]?.id ?? "");
  const label = t("boards.column.deleteMoveTo");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      const target = others.find((c) => c.id === moveTo);
      if (!target) {
        form.fail({ moveTo: "required" });
        return;
      }
      try {
        await onDelete(target);
      } catch (error) {
        const e = asApiError(error);
        // the last column (409): say why rather than "conflict"
        if (e.status === 409) {
          form.fail({}, e);
          return;
        }
        throw error;
      }
    });
  }

  const conflict = form.formError?.status === 409;
  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
      {conflict ? (
        <p role="alert" className="notice notice--error">
          {t("boards.column.lastColumn")}
        </p>
      ) : (
        <FormErrorSummary form={form} labels={{ moveTo: label }} />
      )}
      <p>{t("boards.column.deleteText", { count: taskCount })}</p>
      <SelectField
        id={form.ids.moveTo}
        label={label}
        value={moveTo}
        onValueChange={setMoveTo}
        options={others.map((c) => ({ value: c.id, label: c.name }))}
        error={form.errorFor("moveTo")}
      />
      <div className="form__actions">
        <Button type="submit" variant="danger" busy={form.busy}>
          {t("boards.column.deleteConfirm")}
        </Button>
        <Button variant="secondary" disabled={form.busy} onClick={onCancel}>
          {t("app.cancel")}
        </Button>
      </div>
    </form>
  );
}
