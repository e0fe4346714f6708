import { useTranslation } from "react-i18next";

/** An empty table cell's dash, read as "none" rather than as a dash. */
export function NoValue() {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t("app.noValue")}</span>
    </>
  );
}
