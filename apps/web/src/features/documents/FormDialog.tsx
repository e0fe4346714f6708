import { type ReactNode, type RefObject, useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";

interface FormDialogProps {
  open: boolean;
  title: string;
  /** The form, rendered only while open, so every opening starts with fresh state. */
  children: ReactNode;
  /** True while the form is being sent: Escape and the browser's close are ignored. */
  busy: boolean;
  /** Cancel, Escape or the browser closing the dialog; ignored while busy. */
  onCancel(): void;
  /** Where focus goes after closing when the control that opened the dialog is gone. */
  fallbackFocus?: RefObject<HTMLElement | null> | undefined;
}

/**
 * A small form in a native modal <dialog> (create, rename, move), the sibling of ConfirmDialog:
 * the browser keeps focus inside and Escape cancels. Focus starts on the first field; after
 * closing it returns to the control that opened the dialog (or `fallbackFocus`).
 */
export function FormDialog({ open, title, children, busy, onCancel, fallbackFocus }: FormDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) {
      return;
    }
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      dialog.querySelector<HTMLElement>("input, select, textarea, button")?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      const back = opener.current?.isConnected ? opener.current : fallbackFocus?.current;
      back?.focus();
    }
  }, [open, fallbackFocus]);

  return (
    <dialog
      ref={dialogRef}
      className="confirm-dialog form-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: our state decides, so the dialog does not close while the form is being sent.
        event.preventDefault();
        if (!busy) {
          onCancel();
        }
      }}
      onClose={() => {
        if (open) {
          onCancel();
        }
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {open ? children : null}
    </dialog>
  );
}

/** The submit and cancel buttons at the foot of a dialog's form. */
export function DialogActions({
  submitLabel,
  busy,
  onCancel,
}: {
  submitLabel: string;
  busy: boolean;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="form__actions">
      <Button type="submit" busy={busy}>
        {submitLabel}
      </Button>
      <Button variant="secondary" disabled={busy} onClick={onCancel}>
        {t("app.cancel")}
      </Button>
    </div>
  );
}
