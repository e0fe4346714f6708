import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useRouteError } from "react-router";
import { useDocumentTitle } from "../lib/useDocumentTitle.ts";

/**
 * Shown instead of a page that failed to render or navigate: translated, with a landmark and a
 * title, never the router's developer page. Uses a plain link so the app starts afresh.
 */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  useDocumentTitle(t("routeError.title"));
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main id="main" className="main main--centered" tabIndex={-1}>
      <div className="card">
        <h1>{t("routeError.heading")}</h1>
        <p>{t("routeError.text")}</p>
        <p>
          <a href="/">{t("routeError.home")}</a>
        </p>
      </div>
    </main>
  );
}
