import { useTranslation } from "react-i18next";

/**
 * The first focusable element: jumps past the header to the page's main content. A plain fragment
 * link, so it works without any script; <main> has tabindex="-1" and takes the focus.
 */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t("app.skipToContent")}
    </a>
  );
}
