import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { Avatar } from "../components/Avatar.tsx";
import { useCurrentOrganisation } from "../features/organisations/organisations.queries.ts";
import "../features/organisations/organisations.css";
import { useMenuButton } from "./useMenuButton.ts";

/**
 * The current organisation in the header, as a menu button (useMenuButton, like the account
 * menu): my organisations lead to their pages and become the current one; below them
 * the list of all and "new organisation".
 */
export function OrganisationSwitcher() {
  const { t } = useTranslation();
  const { organisation, organisations, select } = useCurrentOrganisation();
  const menu = useMenuButton();
  const { pathname } = useLocation();
  // Choosing the page one is on moves nowhere: focus then goes back to the button, not to <body>.
  const stays = (to: string) => pathname === to;

  // Until my organisations are known there is nothing to switch; a failure shows on the pages.
  if (organisations === undefined || organisation === undefined) {
    return null;
  }

  const name = organisation?.name ?? t("organisations.switcher.none");
  return (
    <div className="org-switcher" ref={menu.containerRef}>
      <button
        {...menu.buttonProps}
        type="button"
        className="menu-button org-switcher__button"
        aria-label={t("organisations.switcher.button", { name })}
      >
        {organisation ? (
          <Avatar name={organisation.name} color={organisation.avatarColor} size="small" />
        ) : null}
        <span className="menu-button__name">{name}</span>
        <span className="menu-button__caret" aria-hidden="true" />
      </button>
      <div {...menu.menuProps} className="menu-list org-switcher__list">
        {organisations.map((o) => {
          const current = o.id === organisation?.id;
          return (
            <Link
              key={o.id}
              role="menuitem"
              tabIndex={-1}
              to={`/organisations/${o.id}`}
              className={current ? "org-switcher__item org-switcher__item--current" : "org-switcher__item"}
              onClick={() => {
                select(o.id);
                menu.close(stays(`/organisations/${o.id}`));
              }}
            >
              <Avatar name={o.name} color={o.avatarColor} size="small" />
              <span className="org-switcher__item-name">{o.name}</span>
              {current ? (
                <span className="org-switcher__current">
                  <span aria-hidden="true">✓</span>
                  <span className="visually-hidden">({t("organisations.switcher.current")})</span>
                </span>
              ) : null}
            </Link>
          );
        })}
        {organisations.length > 0 ? <hr className="org-switcher__separator" /> : null}
        <Link
          role="menuitem"
          tabIndex={-1}
          to="/organisations"
          onClick={() => menu.close(stays("/organisations"))}
        >
          {t("organisations.switcher.all")}
        </Link>
        <Link
          role="menuitem"
          tabIndex={-1}
          to="/organisations/new"
          onClick={() => menu.close(stays("/organisations/new"))}
        >
          {t("organisations.switcher.create")}
        </Link>
      </div>
    </div>
  );
}
