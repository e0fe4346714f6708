import { useMenuButton } from "../../shell/useMenuButton.ts";

/** One entry of a row's actions menu. */
export interface RowMenuItem {
  label: string;
  onSelect(): void;
  tone?: "default" | "danger";
}

/**
 * "Aktionen" for one row of the document list, as a menu button (see useMenuButton). Choosing an
 * entry returns focus to the button first, so a dialog the entry opens gives focus back there.
 */
export function RowMenu({
  label,
  accessibleLabel,
  items,
}: {
  /** The visible text ("Aktionen"). */
  label: string;
  /** The full name, saying which row ("Aktionen für Förderantrag"): every row has one. */
  accessibleLabel: string;
  items: readonly RowMenuItem[];
}) {
  const menu = useMenuButton();
  if (items.length === 0) {
    return null;
  }
  return (
    <div className="row-menu" ref={menu.containerRef}>
      <button {...menu.buttonProps} type="button" className="menu-button row-menu__button">
        <span aria-hidden="true">{label}</span>
        <span className="visually-hidden">{accessibleLabel}</span>
        <span className="menu-button__caret" aria-hidden="true" />
      </button>
      <div {...menu.menuProps} className="menu-list row-menu__list">
        {items.map((item) => (
          <button
            key={item.label}
            role="menuitem"
            tabIndex={-1}
            type="button"
            className={item.tone === "danger" ? "row-menu__item row-menu__item--danger" : "row-menu__item"}
            onClick={() => {
              menu.close(true);
              item.onSelect();
            }}
          >
            {item.label}
          </button>
        ))}
      </div>
    </div>
  );
}
