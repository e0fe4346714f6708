import type { ChecklistItem, Network } from "@ensemble/contracts/networks";
import { CreateChecklistItemInput } from "@ensemble/contracts/networks";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { TextField } from "../../components/TextField.tsx";
import { useForm, validate } from "../../lib/forms.ts";
import { useAddChecklistItem, useDeleteChecklistItem, useRenameChecklistItem } from "./networks.queries.ts";

type Outcome = { kind: "added" | "renamed" | "deleted"; item: string };

/** The onboarding checklist: add, rename and delete items (coordinator admins). */
export function ChecklistSection({ network, checklist }: { network: Network; checklist: ChecklistItem[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const remove = useDeleteChecklistItem(network.id);
  const [editing, setEditing] = useState<string | null>(null);
  // After renaming ends, focus returns to that item's rename button.
  const [returnTo, setReturnTo] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ChecklistItem | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const items = [...checklist].sort((a, b) => a.position - b.position);

  async function confirmDelete() {
    if (!deleting || remove.isPending) {
      return;
    }
    try {
      await remove.mutateAsync(deleting.id);
    } catch {
      return; // shown in the dialog
    }
    setOutcome({ kind: "deleted", item: deleting.label });
    setDeleting(null);
  }

  return (
    <section className="nw-section card" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("networks.onboarding.checklist.heading")}
      </h2>
      <p>{t("networks.onboarding.checklist.intro")}</p>
      {items.length === 0 ? <p>{t("networks.onboarding.checklist.empty")}</p> : null}
      {items.length > 0 ? (
        <ul className="nw-plain-list">
          {items.map((item) =>
            editing === item.id ? (
              <li key={item.id} className="nw-plain-list__row">
                <RenameForm
                  network={network}
                  item={item}
                  onDone={(label) => {
                    setEditing(null);
                    setReturnTo(item.id);
                    if (label !== null) {
                      setOutcome({ kind: "renamed", item: label });
                    }
                  }}
                />
              </li>
            ) : (
              <ItemRow
                key={item.id}
                item={item}
                takeFocus={returnTo === item.id}
                onFocused={() => setReturnTo(null)}
                onRename={() => {
                  setOutcome(null);
                  setEditing(item.id);
                }}
                onDelete={() => {
                  setOutcome(null);
                  remove.reset();
                  setDeleting(item);
                }}
              />
            ),
          )}
        </ul>
      ) : null}
      <AddItemForm
        network={network}
        onStart={() => setOutcome(null)}
        onAdded={(label) => setOutcome({ kind: "added", item: label })}
      />
      <StatusMessage
        message={outcome ? t(`networks.onboarding.checklist.${outcome.kind}`, { item: outcome.item }) : null}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={t("networks.onboarding.checklist.deleteTitle")}
        confirmLabel={t("networks.onboarding.checklist.deleteConfirm")}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
        fallbackFocus={headingRef}
      >
        <p>{t("networks.onboarding.checklist.deleteText", { item: deleting?.label ?? "" })}</p>
      </ConfirmDialog>
    </section>
  );
}

/** One item with its buttons; the rename button takes focus back when renaming ends. */
function ItemRow({
  item,
  takeFocus,
  onFocused,
  onRename,
  onDelete,
}: {
  item: ChecklistItem;
  takeFocus: boolean;
  onFocused(): void;
  onRename(): void;
  onDelete(): void;
}) {
  const { t } = useTranslation();
  const labelId = useId();
  const renameRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (takeFocus) {
      renameRef.current?.focus();
      onFocused();
    }
  }, [takeFocus, onFocused]);
  return (
    <li className="nw-plain-list__row">
      <span id={labelId} className="nw-plain-list__name">
        {item.label}
      </span>
      <span className="nw-row-actions">
        <Button ref={renameRef} variant="secondary" onClick={onRename}>
          {t("networks.onboarding.checklist.rename")}
          <span className="visually-hidden"> {item.label}</span>
        </Button>
        <Button variant="secondary" onClick={onDelete}>
          {t("networks.onboarding.checklist.delete")}
          <span className="visually-hidden"> {item.label}</span>
        </Button>
      </span>
    </li>
  );
}

const LABEL_FIELDS = ["label"] as const;

function RenameForm({
  network,
  item,
  onDone,
}: {
  network: Network;
  item: ChecklistItem;
  /** The new label, or null when cancelled. */
  onDone(label: string | null): void;
}) {
  const { t } = useTranslation();
  const form = useForm(LABEL_FIELDS);
  const rename = useRenameChecklistItem(network.id);
  const [label, setLabel] = useState(item.label);
  const fieldLabel = t("networks.onboarding.checklist.renameLabel", { item: item.label });
  const inputId = form.ids.label;

  useEffect(() => {
    const input = document.getElementById(inputId);
    if (input instanceof HTMLInputElement) {
      input.focus();
      input.select();
    }
  }, [inputId]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      const checked = validate(CreateChecklistItemInput, { label }, LABEL_FIELDS);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      if (checked.data.label === item.label) {
        onDone(null);
        return;
      }
      const saved = await rename.mutateAsync({ itemId: item.id, label: checked.data.label });
      onDone(saved.label);
    });
  }

  return (
    <form
      ref={form.formRef}
      className="form nw-inline-form"
      noValidate
      onSubmit={onSubmit}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !form.busy) {
          event.preventDefault();
          onDone(null);
        }
      }}
    >
      <FormErrorSummary form={form} labels={{ label: fieldLabel }} />
      <p className="form__required-hint">{t("form.requiredHint")}</p>
      <TextField
        id={inputId}
        label={fieldLabel}
        required
        autoComplete="off"
        value={label}
        onValueChange={setLabel}
        error={form.errorFor("label")}
      />
      <div className="form__actions">
        <Button type="submit" busy={form.busy}>
          {t("networks.onboarding.checklist.save")}
        </Button>
        <Button variant="secondary" disabled={form.busy} onClick={() => onDone(null)}>
          {t("app.cancel")}
        </Button>
      </div>
    </form>
  );
}

function AddItemForm({
  network,
  onStart,
  onAdded,
}: {
  network: Network;
  onStart(): void;
  onAdded(label: string): void;
}) {
  const { t } = useTranslation();
  const form = useForm(LABEL_FIELDS);
  const add = useAddChecklistItem(network.id);
  const [label, setLabel] = useState("");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onStart();
    void form.submit(async () => {
      const checked = validate(CreateChecklistItemInput, { label }, LABEL_FIELDS);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      const item = await add.mutateAsync(checked.data.label);
      setLabel("");
      onAdded(item.label);
    });
  }

  return (
    <form ref={form.formRef} className="form nw-inline-form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary form={form} labels={{ label: t("networks.onboarding.checklist.newItem") }} />
      <p className="form__required-hint">{t("form.requiredHint")}</p>
      <TextField
        id={form.ids.label}
        label={t("networks.onboarding.checklist.newItem")}
        required
        autoComplete="off"
        value={label}
        onValueChange={setLabel}
        error={form.errorFor("label")}
      />
      <div className="form__actions">
        <Button type="submit" busy={form.busy}>
          {t("networks.onboarding.checklist.add")}
        </Button>
      </div>
    </form>
  );
}
