import {
  type ChecklistItem,
  CreateChecklistItemInput,
  MAX_CHECKLIST_ITEMS,
  type TaskDetail,
} from "@ensemble/contracts/boards";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionError } from "../../components/ActionError.tsx";
import { Button } from "../../components/Button.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { LiveText } from "../../components/StatusMessage.tsx";
import { TextField } from "../../components/TextField.tsx";
import { useForm, validate } from "../../lib/forms.ts";
import { byPosition } from "./boards.order.ts";
import { useChecklistChange } from "./boards.queries.ts";

/** Where focus goes once the list shows a change: a control of an item, or the new-item field. */
type FocusTarget = { itemId: string; control: "up" | "down" | "box" } | { control: "add" } | null;

const ADD_FIELDS = ["text"] as const;

/**
 * The task's checklist: tick items, add them, reorder them with "nach oben"/"nach unten" buttons
 * (keyboard-friendly; focus stays on the moved item's button), make an item a task of its own,
 * delete it. Every change is said in the section's status line.
 */
export function TaskChecklist({ task, editable }: { task: TaskDetail; editable: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const change = useChecklistChange(task.id, task.boardId);
  const items = byPosition(task.checklistItems);
  const done = items.filter((i) => i.done).length;
  const [said, setSaid] = useState<{ text: string; n: number } | null>(null);
  const [focus, setFocus] = useState<FocusTarget>(null);
  const [text, setText] = useState("");
  const form = useForm(ADD_FIELDS);
  const say = (value: string) => setSaid((s) => ({ text: value, n: (s?.n ?? 0) + 1 }));

  // the checklist re-renders from the task's new data: put focus back where the user was
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the items changed
  useEffect(() => {
    if (focus === null) {
      return;
    }
    if (focus.control === "add") {
      document.getElementById(form.ids.text)?.focus();
    } else {
      const row = listRef.current?.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(focus.itemId)}"]`);
      const wanted = row?.querySelector<HTMLElement>(`[data-control="${focus.control}"]`);
      // at the top or bottom the pressed button is unavailable: the other one keeps focus in the row
      const available = wanted?.getAttribute("aria-disabled") === "true" ? null : wanted;
      (available ?? row?.querySelector<HTMLElement>('[data-control="box"]'))?.focus();
    }
    setFocus(null);
  }, [task.checklistItems]);

  function run(variables: Parameters<typeof change.mutate>[0], message: string, next: FocusTarget = null) {
    change.mutate(variables, {
      onSuccess: () => {
        say(message);
        setFocus(next);
      },
    });
  }

  function moveItem(item: ChecklistItem, step: -1 | 1) {
    const index = items.findIndex((i) => i.id === item.id);
    const target = index + step;
    if (index < 0 || target < 0 || target >= items.length) {
      return;
    }
    const others = items.filter((i) => i.id !== item.id);
    const afterId = others[target - 1]?.id ?? null;
    const beforeId = others[target]?.id ?? null;
    run(
      { kind: "move", itemId: item.id, afterId, beforeId },
      t("boards.checklist.moved", { text: item.text, position: target + 1 }),
      { itemId: item.id, control: step < 0 ? "up" : "down" },
    );
  }

  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      const checked = validate(CreateChecklistItemInput, { text }, ADD_FIELDS);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      await change.mutateAsync({ kind: "add", text: checked.data.text });
      setText("");
      say(t("boards.checklist.added", { text: checked.data.text }));
      setFocus({ control: "add" });
    });
  }

  return (
    <section className="task-section" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t("boards.checklist.heading")}
        {items.length > 0 ? (
          <span className="task-section__count">
            {" "}
            ({t("boards.checklist.progress", { done, total: items.length })})
          </span>
        ) : null}
      </h3>
      {items.length > 0 ? (
        <progress className="checklist-progress" max={items.length} value={done} aria-hidden="true" />
      ) : null}
      {items.length === 0 ? <p className="muted">{t("boards.checklist.empty")}</p> : null}
      <ul ref={listRef} className="checklist">
        {items.map((item, index) => (
          <li
            key={item.id}
            className={item.done ? "checklist__item checklist__item--done" : "checklist__item"}
            data-item-id={item.id}
          >
            <span className="choice">
              <input
                id={`${headingId}-${item.id}`}
                type="checkbox"
                data-control="box"
                checked={item.done}
                disabled={!editable}
                onChange={(event) =>
                  run(
                    { kind: "update", itemId: item.id, done: event.target.checked },
                    t("boards.checklist.progress", {
                      done: done + (event.target.checked ? 1 : -1),
                      total: items.length,
                    }),
                    { itemId: item.id, control: "box" },
                  )
                }
              />
              <label htmlFor={`${headingId}-${item.id}`}>{item.text}</label>
            </span>
            {editable ? (
              <span className="checklist__actions">
                <Button
                  variant="secondary"
                  className="button--small button--icon"
                  data-control="up"
                  disabled={index === 0}
                  aria-label={t("boards.checklist.moveUp", { text: item.text })}
                  onClick={() => moveItem(item, -1)}
                >
                  <span aria-hidden="true">↑</span>
                </Button>
                <Button
                  variant="secondary"
                  className="button--small button--icon"
                  data-control="down"
                  disabled={index === items.length - 1}
                  aria-label={t("boards.checklist.moveDown", { text: item.text })}
                  onClick={() => moveItem(item, 1)}
                >
                  <span aria-hidden="true">↓</span>
                </Button>
                <Button
                  variant="secondary"
                  className="button--small"
                  aria-label={t("boards.checklist.promote", { text: item.text })}
                  onClick={() =>
                    run(
                      { kind: "promote", itemId: item.id },
                      t("boards.checklist.promoted", { text: item.text }),
                      {
                        control: "add",
                      },
                    )
                  }
                >
                  <span aria-hidden="true">{t("boards.checklist.promoteShort")}</span>
                </Button>
                <Button
                  variant="secondary"
                  className="button--small"
                  aria-label={t("boards.checklist.delete", { text: item.text })}
                  onClick={() =>
                    run(
                      { kind: "delete", itemId: item.id },
                      t("boards.checklist.deleted", { text: item.text }),
                      {
                        control: "add",
                      },
                    )
                  }
                >
                  <span aria-hidden="true">{t("boards.checklist.deleteShort")}</span>
                </Button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <LiveText text={said?.text} announceKey={String(said?.n ?? 0)} className="visually-hidden" />
      <ActionError error={change.error} prefix={t("boards.checklist.failed")} />
      {editable && items.length < MAX_CHECKLIST_ITEMS ? (
        <form ref={form.formRef} className="checklist-add" noValidate onSubmit={onAdd}>
          <FormErrorSummary form={form} labels={{ text: t("boards.checklist.add") }} />
          <TextField
            id={form.ids.text}
            label={t("boards.checklist.add")}
            autoComplete="off"
            maxLength={300}
            value={text}
            onValueChange={setText}
            error={form.errorFor("text")}
          />
          <Button type="submit" className="button--small" busy={form.busy}>
            {t("boards.checklist.addSubmit")}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
