import {
  type Board,
  type BoardColumn,
  type BoardResponse,
  CreateLabelInput,
  MAX_TASK_LABELS,
  type TaskDetail,
  TaskPriority,
  type UpdateTaskInput,
} from "@ensemble/contracts/boards";
import type { TFunction } from "i18next";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { describedByFor, FieldFrame } from "../../components/FieldFrame.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { SelectField } from "../../components/SelectField.tsx";
import { TextField } from "../../components/TextField.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { asApiError } from "../../lib/api.ts";
import { useForm, validate } from "../../lib/forms.ts";
import { formatDay } from "./boards.days.ts";
import { LABEL_COLORS, type LabelColorId } from "./boards.format.ts";
import { columnItems, planMenuMove } from "./boards.order.ts";
import { useCreateLabel, useMoveTask } from "./boards.queries.ts";
import { LabelChip, PriorityBadge } from "./TaskCard.tsx";

/** The message for a date field's problem (from the API's field codes). */
function dateProblem(t: TFunction, code: string | undefined): string | undefined {
  switch (code) {
    case undefined:
      return undefined;
    case "before_start":
      return t("boards.detail.beforeStart");
    case "date_out_of_range":
      return t("boards.detail.dateOutOfRange");
    default:
      return t("boards.detail.invalidDate");
  }
}

/**
 * The task's own fields: title (saved on leaving the field or Enter), column (moves it to the end
 * of the chosen one), priority, start and due date (native date inputs, saved when left),
 * assignees and labels (saved with each tick), and a new label of the project on the spot.
 */
export function TaskFields({
  task,
  board,
  data,
  columns,
  editable,
  save,
  error,
}: {
  task: TaskDetail;
  board: Board;
  data: BoardResponse;
  columns: readonly BoardColumn[];
  editable: boolean;
  save(input: UpdateTaskInput, options?: { onSuccess?(): void }): void;
  /** The last save's failure (field codes are shown at their field). */
  error: unknown;
}) {
  const { t } = useTranslation();
  const base = useId();
  const [title, setTitle] = useState(task.title);
  const [start, setStart] = useState(task.startDate ?? "");
  const [due, setDue] = useState(task.dueDate ?? "");
  const { move } = useMoveTask(task.boardId);
  const fields = error ? asApiError(error).fields : {};
  // a title typed and left unsaved when the panel closes (Escape) is still saved on the way out
  const leaving = useRef({ title, saved: task.title, editable, save });
  leaving.current = { title, saved: task.title, editable, save };
  useEffect(() => {
    const ref = leaving;
    return () => {
      const { title: typed, saved, editable: canSave, save: send } = ref.current;
      if (canSave && typed.trim() !== "" && typed.trim() !== saved) {
        send({ title: typed.trim() });
      }
    };
  }, []);

  // what others (or another tab) saved shows up, unless the field is being edited here
  useEffect(() => {
    if (document.activeElement?.id !== `${base}-title`) {
      setTitle(task.title);
    }
    if (document.activeElement?.id !== `${base}-start`) {
      setStart(task.startDate ?? "");
    }
    if (document.activeElement?.id !== `${base}-due`) {
      setDue(task.dueDate ?? "");
    }
  }, [task.title, task.startDate, task.dueDate, base]);

  if (!editable) {
    return <ReadOnlyFields task={task} board={board} columns={columns} />;
  }

  function saveTitle() {
    const value = title.trim();
    if (value === "") {
      setTitle(task.title);
      return;
    }
    if (value !== task.title) {
      save({ title: value });
    }
  }

  function saveDate(field: "startDate" | "dueDate", value: string) {
    const current = field === "startDate" ? task.startDate : task.dueDate;
    const next = value === "" ? null : value;
    if (next !== current) {
      save({ [field]: next });
    }
  }

  function moveTo(columnId: string) {
    if (columnId === task.columnId) {
      return;
    }
    const items = columnItems(columns, data.tasks);
    const plan = planMenuMove(
      task.id,
      items,
      { columnId, where: "end" },
      (id) => data.tasks.find((x) => x.id === id)?.position,
    );
    if (plan) {
      move(task.id, plan);
    }
  }

  const assigned = new Set(task.assignees.map((p) => p.id));
  // people assigned who left the project are still listed (and can be taken off)
  const people = [
    ...board.members,
    ...task.assignees.filter((p) => !board.members.some((m) => m.id === p.id)),
  ];

  function toggleAssignee(id: string, on: boolean) {
    const next = on ? [...assigned, id] : [...assigned].filter((x) => x !== id);
    save({ assigneeIds: next });
  }

  function toggleLabel(id: string, on: boolean) {
    const next = on ? [...task.labelIds, id] : task.labelIds.filter((x) => x !== id);
    save({ labelIds: next });
  }

  return (
    <div className="task-fields">
      <TextField
        id={`${base}-title`}
        label={t("boards.detail.title")}
        required
        autoComplete="off"
        value={title}
        onValueChange={setTitle}
        onBlur={saveTitle}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            saveTitle();
          }
        }}
        error={fields.title ? t("errors.field.invalid") : undefined}
      />
      <div className="task-fields__row">
        <SelectField
          id={`${base}-column`}
          label={t("boards.detail.column")}
          value={task.columnId}
          onValueChange={moveTo}
          options={columns.map((c) => ({ value: c.id, label: c.name }))}
        />
        <SelectField
          id={`${base}-priority`}
          label={t("boards.detail.priority")}
          value={task.priority}
          onValueChange={(value) => save({ priority: TaskPriority.parse(value) })}
          options={TaskPriority.options.map((p) => ({ value: p, label: t(`boards.priority.${p}`) }))}
        />
      </div>
      <div className="task-fields__row">
        <DateField
          id={`${base}-start`}
          label={t("boards.detail.startDate")}
          value={start}
          onValueChange={setStart}
          onCommit={(value) => saveDate("startDate", value)}
          error={dateProblem(t, fields.startDate)}
        />
        <DateField
          id={`${base}-due`}
          label={t("boards.detail.dueDate")}
          value={due}
          onValueChange={setDue}
          onCommit={(value) => saveDate("dueDate", value)}
          error={dateProblem(t, fields.dueDate)}
        />
      </div>
      <fieldset className="task-fields__set">
        <legend>{t("boards.detail.assignees")}</legend>
        {people.length === 0 ? (
          <p className="muted">{t("boards.detail.noMembers")}</p>
        ) : (
          <ul className="choice-list">
            {people.map((person) => (
              <li key={person.id} className="choice">
                <input
                  id={`${base}-assignee-${person.id}`}
                  type="checkbox"
                  checked={assigned.has(person.id)}
                  onChange={(event) => toggleAssignee(person.id, event.target.checked)}
                />
                <label htmlFor={`${base}-assignee-${person.id}`}>{person.displayName}</label>
              </li>
            ))}
          </ul>
        )}
        {fields.assigneeIds ? <p className="field__error">{t("errors.field.not_a_member")}</p> : null}
      </fieldset>
      <fieldset className="task-fields__set">
        <legend>{t("boards.labels.heading")}</legend>
        {board.labels.length === 0 ? <p className="muted">{t("boards.labels.noneInProject")}</p> : null}
        <ul className="choice-list">
          {board.labels.map((label) => {
            const on = task.labelIds.includes(label.id);
            const full = !on && task.labelIds.length >= MAX_TASK_LABELS;
            return (
              <li key={label.id} className="choice">
                <input
                  id={`${base}-label-${label.id}`}
                  type="checkbox"
                  checked={on}
                  disabled={full}
                  onChange={(event) => toggleLabel(label.id, event.target.checked)}
                />
                <label htmlFor={`${base}-label-${label.id}`}>
                  <LabelChip label={label} />
                </label>
              </li>
            );
          })}
        </ul>
        {task.labelIds.length >= MAX_TASK_LABELS ? (
          <p className="field__hint">{t("boards.labels.tooMany", { count: MAX_TASK_LABELS })}</p>
        ) : null}
        <NewLabel
          projectId={task.projectId}
          boardId={task.boardId}
          disabled={task.labelIds.length >= MAX_TASK_LABELS}
          onCreated={(id) => save({ labelIds: [...task.labelIds, id] })}
        />
      </fieldset>
    </div>
  );
}

/** A native date input in the field frame; the value is committed when the field is left or on Enter. */
function DateField({
  id,
  label,
  value,
  onValueChange,
  onCommit,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onValueChange(value: string): void;
  onCommit(value: string): void;
  error?: string | undefined;
}) {
  return (
    <FieldFrame id={id} label={label} error={error}>
      <input
        id={id}
        type="date"
        min="1900-01-01"
        max="2199-12-31"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByFor(id, undefined, error)}
        onChange={(event) => onValueChange(event.target.value)}
        onBlur={(event) => onCommit(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            onCommit(event.currentTarget.value);
          }
        }}
      />
    </FieldFrame>
  );
}

/** The fields as text, for who may only read (or an archived task). */
function ReadOnlyFields({
  task,
  board,
  columns,
}: {
  task: TaskDetail;
  board: Board;
  columns: readonly BoardColumn[];
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const labels = task.labelIds
    .map((id) => board.labels.find((l) => l.id === id))
    .filter((l) => l !== undefined);
  const none = t("app.noValue");
  return (
    <dl className="task-facts">
      <div>
        <dt>{t("boards.detail.column")}</dt>
        <dd>{columns.find((c) => c.id === task.columnId)?.name ?? none}</dd>
      </div>
      <div>
        <dt>{t("boards.detail.priority")}</dt>
        <dd>
          {task.priority === "none" ? t("boards.priority.none") : <PriorityBadge priority={task.priority} />}
        </dd>
      </div>
      <div>
        <dt>{t("boards.detail.startDate")}</dt>
        <dd>{task.startDate ? formatDay(task.startDate, language) : none}</dd>
      </div>
      <div>
        <dt>{t("boards.detail.dueDate")}</dt>
        <dd>{task.dueDate ? formatDay(task.dueDate, language) : none}</dd>
      </div>
      <div>
        <dt>{t("boards.detail.assignees")}</dt>
        <dd>
          {task.assignees.length === 0
            ? t("boards.detail.nobody")
            : task.assignees.map((p) => p.displayName).join(", ")}
        </dd>
      </div>
      <div>
        <dt>{t("boards.labels.heading")}</dt>
        <dd>
          {labels.length === 0 ? (
            t("boards.labels.none")
          ) : (
            <span className="task-table__labels">
              {labels.map((label) => (
                <LabelChip key={label.id} label={label} />
              ))}
            </span>
          )}
        </dd>
      </div>
    </dl>
  );
}

const LABEL_FIELDS = ["name", "color"] as const;

/** "Neues Label": a name and one of the named colours; the label is created and given to the task. */
function NewLabel({
  projectId,
  boardId,
  disabled,
  onCreated,
}: {
  projectId: string;
  boardId: string;
  disabled: boolean;
  onCreated(id: string): void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [color, setColor] = useState<LabelColorId>("blue");
  const form = useForm(LABEL_FIELDS, { color: "select" });
  const create = useCreateLabel(projectId, boardId);
  const openerRef = useRef<HTMLButtonElement>(null);
  const labels = { name: t("boards.labels.name"), color: t("boards.labels.color") };

  function close() {
    setOpen(false);
    setName("");
    form.reset();
    requestAnimationFrame(() => openerRef.current?.focus());
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // a form inside the panel: its submit must not reach anything around it
    event.stopPropagation();
    void form.submit(async () => {
      const value = LABEL_COLORS.find((c) => c.id === color)?.value ?? LABEL_COLORS[0].value;
      const checked = validate(CreateLabelInput, { name, color: value }, ["name"] as const);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      const { label } = await create.mutateAsync(checked.data);
      onCreated(label.id);
      close();
    });
  }

  if (!open) {
    return (
      <Button
        ref={openerRef}
        variant="secondary"
        className="button--small"
        disabled={disabled}
        onClick={() => setOpen(true)}
      >
        {t("boards.labels.create")}
      </Button>
    );
  }
  return (
    <form ref={form.formRef} className="form new-label" noValidate onSubmit={onSubmit}>
      <FormErrorSummary form={form} labels={labels} />
      <TextField
        id={form.ids.name}
        label={labels.name}
        required
        autoFocus
        autoComplete="off"
        maxLength={40}
        value={name}
        onValueChange={setName}
        error={form.fieldErrors.name === "taken" ? t("errors.field.duplicate") : form.errorFor("name")}
      />
      <SelectField
        id={form.ids.color}
        label={labels.color}
        value={color}
        onValueChange={(value) => setColor(value as LabelColorId)}
        options={LABEL_COLORS.map((c) => ({ value: c.id, label: t(`boards.labels.colors.${c.id}`) }))}
      />
      <p className="new-label__preview" aria-hidden="true">
        <LabelChip
          label={{
            id: "preview",
            name: name.trim() || t("boards.labels.name"),
            color: LABEL_COLORS.find((c) => c.id === color)?.value ?? "#1f4fbf",
          }}
        />
      </p>
      <div className="form__actions">
        <Button type="submit" className="button--small" busy={form.busy}>
          {t("boards.labels.createSubmit")}
        </Button>
        <Button variant="secondary" className="button--small" disabled={form.busy} onClick={close}>
          {t("app.cancel")}
        </Button>
      </div>
    </form>
  );
}
