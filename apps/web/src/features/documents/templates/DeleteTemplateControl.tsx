import type { DocumentTemplate } from "@ensemble/contracts/documents";
import { type SyntheticEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button.tsx";
import { ConfirmDialog } from "../../../components/ConfirmDialog.tsx";
import { StatusMessage } from "../../../components/StatusMessage.tsx";
import { useDeleteTemplate } from "./templates.queries.ts";
import "./templates.css";

/**
 * The confirmation is a dialog inside the new-document dialog: React passes `cancel` and `close`
 * up its component tree (unlike the browser), and the outer dialog would take them for its own
 * and close too. Its wrapper stops them (spread: React's types know these events on <dialog> only).
 */
const keepDialogEventsInside = {
  onCancel: (event: SyntheticEvent) => event.stopPropagation(),
  onClose: (event: SyntheticEvent) => event.stopPropagation(),
};

/**
 * Under the template choice of "Neues Dokument": "Vorlage „…“ löschen" for a saved template the
 * API lets me delete (`canDelete`), after a confirmation. Once it is gone the choice goes back to
 * a blank document (`onDeleted`), focus to the template field and the deletion is announced.
 */
export function DeleteTemplateControl({
  template,
  selectId,
  onDeleted,
}: {
  /** The template chosen now (undefined: blank, or still loading). */
  template: DocumentTemplate | undefined;
  /** The template field's id, where focus goes once the button has gone with the template. */
  selectId: string;
  onDeleted(): void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteTemplate();
  const [confirming, setConfirming] = useState<DocumentTemplate | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const fallbackFocus = useRef<HTMLElement | null>(null);

  function confirm() {
    if (!confirming) {
      return;
    }
    const name = confirming.name;
    remove.mutate(confirming.id, {
      onSuccess: () => {
        fallbackFocus.current = document.getElementById(selectId);
        setConfirming(null);
        setMessage(t("documentTemplates.delete.done", { name }));
        onDeleted();
      },
    });
  }

  return (
    <div className="template-delete">
      {template?.canDelete ? (
        <Button
          variant="secondary"
          className="button--small"
          aria-haspopup="dialog"
          onClick={() => {
            remove.reset();
            setMessage(null);
            setConfirming(template);
          }}
        >
          {t("documentTemplates.delete.buttonFor", { name: template.name })}
        </Button>
      ) : null}
      <StatusMessage message={message} />
      <div {...keepDialogEventsInside}>
        <ConfirmDialog
          open={confirming !== null}
          title={t("documentTemplates.delete.title", { name: confirming?.name ?? "" })}
          confirmLabel={t("documentTemplates.delete.confirm")}
          busy={remove.isPending}
          error={remove.error}
          onConfirm={confirm}
          onCancel={() => setConfirming(null)}
          fallbackFocus={fallbackFocus}
        >
          <p>{t("documentTemplates.delete.text", { owner: confirming?.owner?.name ?? "" })}</p>
        </ConfirmDialog>
      </div>
    </div>
  );
}
