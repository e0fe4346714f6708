import { useTranslation } from "react-i18next";
import { errorMessage } from "../lib/errors.ts";
import { useDocumentTitle } from "../lib/useDocumentTitle.ts";
import { Button } from "./Button.tsx";

/** A polite "loading" line for content that is on its way. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      {t("app.loading")}
    </p>
  );
}

/**
 * Content that could not be loaded, as an alert: what (`message`, unless the place says it
 * already), why, and a button to try again.
 */
export function LoadFailed({
  message,
  error,
  onRetry,
}: {
  message?: string;
  error: unknown;
  onRetry(): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--error" role="alert">
      <p>{message ? `${message} ${errorMessage(t, error)}` : errorMessage(t, error)}</p>
      <Button variant="secondary" onClick={onRetry}>
        {t("app.retry")}
      </Button>
    </div>
  );
}

/** A whole page shown while we do not yet know who is signed in. */
export function LoadingPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("app.loading"));
  return (
    <main id="main" className="main main--centered" tabIndex={-1}>
      <Loading />
    </main>
  );
}

/** A whole page for when the app could not reach the API at start. */
export function LoadErrorPage({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  useDocumentTitle(t("app.loadFailed"));
  return (
    <main id="main" className="main main--centered" tabIndex={-1}>
      <div className="card">
        <h1>{t("app.loadFailed")}</h1>
        <p role="alert">{errorMessage(t, error)}</p>
        <Button onClick={onRetry}>{t("app.retry")}</Button>
      </div>
    </main>
  );
}
