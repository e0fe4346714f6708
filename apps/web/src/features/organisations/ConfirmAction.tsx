import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";

interface ConfirmActionProps {
  /** The visible text of the button that starts the action. */
  label: string;
  /** Read after the label by assistive technology, e.g. whose row the button is in. */
  hiddenContext?: string | undefined;
  /** The question asked before anything happens. */
  question: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  variant?: "secondary" | "danger";
  /** Checked before the question is asked; false keeps it closed (e.g. nothing chosen yet). */
  onStart?(): boolean;
  /** Does the action; the question closes afterwards (if the button is still there). */
  onConfirm(): Promise<unknown>;
}

/**
 * A destructive action behind one explicit confirmation, in place: the question appears with the
 * confirm and cancel buttons (focus moves to confirm), Escape or cancel close it and focus returns
 * to the button that opened it.
 */
export function ConfirmAction({
  label,
  hiddenContext,
  question,
  confirmLabel,
  busy = false,
  variant = "danger",
  onStart,
  onConfirm,
}: ConfirmActionProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) {
      confirmRef.current?.focus();
    } else if (wasConfirming.current) {
      triggerRef.current?.focus();
    }
    wasConfirming.current = confirming;
  }, [confirming]);

  async function confirm() {
    try {
      await onConfirm();
    } finally {
      setConfirming(false);
    }
  }

  if (!confirming) {
    return (
      <Button ref={triggerRef} variant={variant} onClick={() => setConfirming(onStart ? onStart() : true)}>
        {label}
        {hiddenContext ? <span className="visually-hidden"> {hiddenContext}</span> : null}
      </Button>
    );
  }
  return (
    <fieldset
      className="confirm-action"
      onKeyDown={(event) => {
        if (event.key === "Escape" && !busy) {
          event.preventDefault();
          setConfirming(false);
        }
      }}
    >
      <legend className="confirm-action__question">{question}</legend>
      <div className="confirm-action__buttons">
        <Button ref={confirmRef} variant="danger" busy={busy} onClick={() => void confirm()}>
          {confirmLabel}
        </Button>
        <Button variant="secondary" disabled={busy} onClick={() => setConfirming(false)}>
          {t("organisations.cancel")}
        </Button>
      </div>
    </fieldset>
  );
}
