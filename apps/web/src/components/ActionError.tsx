import { useTranslation } from "react-i18next";
import { useUntilNextAction } from "../lib/actions.ts";
import { errorMessage } from "../lib/errors.ts";

/**
 * Why an action failed, as an alert (with `prefix`, e.g. what failed), until the next action
 * starts: an old failure beside a new action's outcome would read as if the new one had failed.
 */
export function ActionError({
  error,
  prefix,
  className,
}: {
  /** The failure, or null/undefined when there is none. */
  error: unknown;
  prefix?: string | undefined;
  className?: string | undefined;
}) {
  const { t } = useTranslation();
  const current = useUntilNextAction(error);
  if (current === null) {
    return null;
  }
  const text = errorMessage(t, current);
  return (
    <p role="alert" className={className ? `notice notice--error ${className}` : "notice notice--error"}>
      {prefix ? `${prefix} ${text}` : text}
    </p>
  );
}
