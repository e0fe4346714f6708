import type { Document, ExportFormat } from "@ensemble/contracts/documents";
import type { Editor } from "@tiptap/core";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../i18n/i18n.ts";
import { api } from "../../../lib/api.ts";
import { formatDateTime } from "../../../lib/dates.ts";
import { useMenuButton } from "../../../shell/useMenuButton.ts";
import { preparePrint } from "./print.ts";
import "./print.css";
import "./transfer.css";

const FORMATS: readonly ExportFormat[] = ["docx", "markdown", "html"];

/** The address of a document's export in one format (the API answers with the file as an attachment). */
export function exportPath(documentId: string, format: ExportFormat): string {
  return api.documents[":id"].export.$path({ param: { id: documentId }, query: { format } });
}

/**
 * "Export": a menu button (see useMenuButton) with the document as Word, Markdown or HTML file
 * (plain download links, so "save link as" works too) and "Print / PDF", which prints only the
 * document with its title (print.css); printing from the browser's own menu does the same while
 * this menu is on the page.
 */
export function ExportMenu({ editor, document }: { editor: Editor | null; document: Document }) {
  const { t } = useTranslation();
  const menu = useMenuButton();

  useEffect(() => {
    // The header is made when printing starts, so its date is the moment of printing.
    const header = () => ({
      title: document.title,
      lines: [
        t("documentTransfer.export.project", { name: document.project.name }),
        t("documentTransfer.export.printedAt", {
          date: formatDateTime(new Date().toISOString(), currentLanguage()),
        }),
      ],
    });
    return preparePrint(() => (editor && !editor.isDestroyed ? editor.view.dom : null), header);
  }, [editor, document.title, document.project.name, t]);

  return (
    <div className="export-menu" ref={menu.containerRef}>
      <button {...menu.buttonProps} type="button" className="menu-button export-menu__button">
        <span>{t("documentTransfer.export.button")}</span>
        <span className="menu-button__caret" aria-hidden="true" />
      </button>
      <div {...menu.menuProps} className="menu-list export-menu__list">
        {FORMATS.map((format) => (
          <a
            key={format}
            role="menuitem"
            tabIndex={-1}
            href={exportPath(document.id, format)}
            download
            onClick={() => menu.close(true)}
          >
            {t(`documentTransfer.export.${format}`)}
          </a>
        ))}
        <button
          role="menuitem"
          tabIndex={-1}
          type="button"
          onClick={() => {
            menu.close(true);
            window.print();
          }}
        >
          {t("documentTransfer.export.print")}
        </button>
      </div>
    </div>
  );
}
