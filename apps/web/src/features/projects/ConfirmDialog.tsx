import { type ReactNode, useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { errorMessage } from "../../lib/errors.ts";
import "./projects.css";

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  variant?: "danger" | "primary";
  busy: boolean;
  /** The failure of the last attempt (e.g. last_lead), shown inside the dialog. */
  error: unknown;
  onConfirm(): void;
  onClose(): void;
}

/**
 * Asks before a destructive step, in a native modal <dialog>: focus stays inside, Escape cancels,
 * and the browser returns focus to the button that opened it. Focus starts on "Cancel", the safe
 * choice.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  variant = "danger",
  busy,
  error,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) {
      return;
    }
    if (open && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        // Escape: our state decides, so the dialog does not close while the action is running.
        event.preventDefault();
        if (!busy) {
          onClose();
        }
      }}
      onClose={() => {
        if (open) {
          onClose();
        }
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={textId}>{children}</div>
      {open && error ? (
        <p role="alert" className="notice notice--error">
          {errorMessage(t, error)}
        </p>
      ) : null}
      <div className="form__actions">
        <Button variant={variant} busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button ref={cancelRef} variant="secondary" disabled={busy} onClick={onClose}>
          {t("projects.confirm.cancel")}
        </Button>
      </div>
    </dialog>
  );
}
