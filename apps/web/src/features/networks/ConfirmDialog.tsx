import { type ReactNode, type RefObject, useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { errorMessage } from "../../lib/errors.ts";

interface ConfirmDialogProps {
  /** Shown while true (as a modal dialog: focus stays inside, Escape cancels). */
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  /** The failure of the last attempt, shown inside the dialog (which stays open). */
  error: unknown;
  onConfirm(): void;
  onCancel(): void;
  /** Where focus goes after closing when the control that opened it is gone (a removed row). */
  fallbackFocus?: RefObject<HTMLElement | null>;
}

/**
 * Asks before something destructive happens. A native modal <dialog>: the browser keeps focus
 * inside and closes it with Escape; the cancel button comes first, so Enter does no harm.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onCancel,
  fallbackFocus,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) {
      return;
    }
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
      const back = opener.current?.isConnected ? opener.current : fallbackFocus?.current;
      back?.focus();
    }
  }, [open, fallbackFocus]);

  return (
    <dialog
      ref={dialogRef}
      className="nw-confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        // Escape: let React state close it, so it stays in step with `open`.
        event.preventDefault();
        if (!busy) {
          onCancel();
        }
      }}
    >
      <h2 id={titleId} className="nw-confirm-dialog__title">
        {title}
      </h2>
      <div id={textId}>{children}</div>
      {error ? (
        <p role="alert" className="notice notice--error">
          {errorMessage(t, error)}
        </p>
      ) : null}
      <div className="form__actions">
        <Button variant="secondary" onClick={onCancel} disabled={busy}>
          {t("networks.cancel")}
        </Button>
        <Button variant="danger" busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
