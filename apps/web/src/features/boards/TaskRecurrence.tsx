import { Recurrence, type TaskDetail, type UpdateTaskInput } from "@ensemble/contracts/boards";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { SelectField } from "../../components/SelectField.tsx";
import { TextField } from "../../components/TextField.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { asApiError } from "../../lib/api.ts";
import { formatDayLong } from "./boards.days.ts";
import { RECURRENCE_PRESETS, type RecurrencePreset, recurrencePresetOf } from "./boards.format.ts";

type Choice = RecurrencePreset | "custom" | "none";
const CHOICES: readonly Choice[] = ["none", "weekly", "monthly", "quarterly", "yearly", "custom"];

/**
 * Repeating work: a preset (weekly, monthly, quarterly, yearly) or an RRULE typed in, saved with a
 * button; the next dates the API computed are listed (they need a due date to start from).
 */
export function TaskRecurrence({
  task,
  editable,
  save,
  error,
  busy,
}: {
  task: TaskDetail;
  editable: boolean;
  save(input: UpdateTaskInput, options?: { onSuccess?(): void }): void;
  error: unknown;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const headingId = useId();
  const base = useId();
  const [choice, setChoice] = useState<Choice>(recurrencePresetOf(task.recurrence));
  const [rule, setRule] = useState(task.recurrence ?? "");
  const [invalid, setInvalid] = useState(false);
  const apiCode = error ? asApiError(error).fields.recurrence : undefined;
  const ruleError = invalid || apiCode !== undefined ? t("boards.recurrence.invalid") : undefined;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setInvalid(false);
    let next: string | null;
    if (choice === "none") {
      next = null;
    } else if (choice === "custom") {
      const checked = Recurrence.safeParse(rule.replace(/^RRULE:/i, ""));
      if (!checked.success) {
        setInvalid(true);
        document.getElementById(`${base}-rule`)?.focus();
        return;
      }
      next = checked.data;
    } else {
      next = RECURRENCE_PRESETS[choice];
    }
    if (next !== task.recurrence) {
      save({ recurrence: next });
    }
  }

  const described = task.recurrence
    ? CHOICES.includes(recurrencePresetOf(task.recurrence))
      ? t(`boards.recurrence.${recurrencePresetOf(task.recurrence)}`)
      : task.recurrence
    : t("boards.recurrence.none");

  return (
    <section className="task-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("boards.recurrence.heading")}</h3>
      {editable ? (
        <form className="recurrence-form" noValidate onSubmit={onSubmit}>
          <SelectField
            id={`${base}-choice`}
            label={t("boards.recurrence.label")}
            value={choice}
            onValueChange={(value) => setChoice(value as Choice)}
            options={CHOICES.map((c) => ({ value: c, label: t(`boards.recurrence.${c}`) }))}
            hint={t("boards.recurrence.explanation")}
          />
          {choice === "custom" ? (
            <TextField
              id={`${base}-rule`}
              label={t("boards.recurrence.rule")}
              autoComplete="off"
              spellCheck={false}
              value={rule}
              onValueChange={(value) => {
                setRule(value);
                setInvalid(false);
              }}
              hint={t("boards.recurrence.ruleHint")}
              error={ruleError}
            />
          ) : apiCode !== undefined ? (
            <p className="field__error">{t("boards.recurrence.invalid")}</p>
          ) : null}
          <Button type="submit" variant="secondary" className="button--small" busy={busy}>
            {t("boards.recurrence.save")}
          </Button>
        </form>
      ) : (
        <p>
          {t("boards.recurrence.label")}: {described}
        </p>
      )}
      {task.recurrence ? (
        task.nextOccurrences.length > 0 ? (
          <>
            <h4 className="task-section__subheading">{t("boards.recurrence.next")}</h4>
            <ul className="occurrences">
              {task.nextOccurrences.map((day) => (
                <li key={day}>{formatDayLong(day, language)}</li>
              ))}
            </ul>
          </>
        ) : task.dueDate === null ? (
          <p className="muted">{t("boards.recurrence.needsDue")}</p>
        ) : null
      ) : null}
    </section>
  );
}
