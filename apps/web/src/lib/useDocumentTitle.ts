import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Sets the tab title to "<page> – Ensemble" while the page is shown. */
export function useDocumentTitle(title: string): void {
  const { t } = useTranslation();
  const product = t("app.name");
  useEffect(() => {
    document.title = title ? `${title} – ${product}` : product;
  }, [title, product]);
}
