import { type ReactNode, type RefObject, useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../lib/errors.ts";
import { Button } from "./Button.tsx";

interface ConfirmDialogProps {
  /** Shown while true, as a modal dialog. */
  open: boolean;
  title: string;
  /** What will happen, read out with the title when the dialog opens (the title may say it all). */
  children?: ReactNode;
  confirmLabel: string;
  /** "danger" for destructive steps (the default), "primary" for weighty but harmless ones. */
  variant?: "danger" | "primary";
  busy: boolean;
  /** The failure of the last attempt (e.g. last_lead), shown inside the dialog, which stays open. */
  error: unknown;
  onConfirm(): void;
  /** Cancel, Escape or the browser closing the dialog; ignored while busy. */
  onCancel(): void;
  /** Where focus goes after closing when the control that opened the dialog is gone (a removed row). */
  fallbackFocus?: RefObject<HTMLElement | null> | undefined;
}

/**
 * Asks before a step is taken, in a native modal <dialog>: the browser keeps focus inside and
 * Escape cancels. Focus starts on "Cancel", the safe choice; after closing it returns to the
 * control that opened the dialog (or to `fallbackFocus` when that is gone).
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
  onCancel,
  fallbackFocus,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const textId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) {
      return;
    }
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      const back = opener.current?.isConnected ? opener.current : fallbackFocus?.current;
      back?.focus();
    }
  }, [open, fallbackFocus]);

  function cancel() {
    if (!busy) {
      onCancel();
    }
  }

  return (
    <dialog
      ref={dialogRef}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={children ? textId : undefined}
      onCancel={(event) => {
        // Escape: our state decides, so the dialog does not close while the step is running.
        event.preventDefault();
        cancel();
      }}
      onClose={() => {
        // closed by the browser rather than through `open`: bring the state in step
        if (open) {
          onCancel();
        }
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children ? <div id={textId}>{children}</div> : null}
      {open && error ? (
        <p role="alert" className="notice notice--error">
          {errorMessage(t, error)}
        </p>
      ) : null}
      <div className="form__actions">
        <Button variant={variant} busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button ref={cancelRef} variant="secondary" disabled={busy} onClick={cancel}>
          {t("app.cancel")}
        </Button>
      </div>
    </dialog>
  );
}
