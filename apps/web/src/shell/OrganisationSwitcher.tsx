import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Avatar } from "../components/Avatar.tsx";
import { useCurrentOrganisation } from "../features/organisations/organisations.queries.ts";
import "../features/organisations/organisations.css";

type OpenFocus = "first" | "last";

/**
 * The current organisation in the header, as a menu button (the same keyboard pattern as the
 * account menu): my organisations lead to their pages and become the current one; below them
 * the list of all and "new organisation".
 */
export function OrganisationSwitcher() {
  const { t } = useTranslation();
  const { organisation, organisations, select } = useCurrentOrganisation();
  const menuId = useId();
  const buttonId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [openFocus, setOpenFocus] = useState<OpenFocus | null>(null);
  const open = openFocus !== null;

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (openFocus === null) {
      return;
    }
    const list = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    (openFocus === "first" ? list[0] : list[list.length - 1])?.focus();
  }, [openFocus]);

  useEffect(() => {
    if (!open) {
      return;
    }
    const onOutside = (event: Event) => {
      if (event.target instanceof Node && !containerRef.current?.contains(event.target)) {
        setOpenFocus(null);
      }
    };
    document.addEventListener("pointerdown", onOutside);
    document.addEventListener("focusin", onOutside);
    return () => {
      document.removeEventListener("pointerdown", onOutside);
      document.removeEventListener("focusin", onOutside);
    };
  }, [open]);

  // Until my organisations are known there is nothing to switch; a failure shows on the pages.
  if (organisations === undefined || organisation === undefined) {
    return null;
  }

  function close(returnFocus: boolean) {
    setOpenFocus(null);
    if (returnFocus) {
      buttonRef.current?.focus();
    }
  }

  function onButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpenFocus("first");
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setOpenFocus("last");
    }
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const list = items();
    const index = document.activeElement instanceof HTMLElement ? list.indexOf(document.activeElement) : -1;
    const focusAt = (i: number) => list[(i + list.length) % list.length]?.focus();
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        focusAt(index + 1);
        break;
      case "ArrowUp":
        event.preventDefault();
        focusAt(index - 1);
        break;
      case "Home":
        event.preventDefault();
        focusAt(0);
        break;
      case "End":
        event.preventDefault();
        focusAt(list.length - 1);
        break;
      case "Escape":
        event.preventDefault();
        close(true);
        break;
      case "Tab":
        close(false);
        break;
      case " ":
        // menu items act on Space as on Enter (a link alone would ignore it)
        if (index >= 0) {
          event.preventDefault();
          list[index]?.click();
        }
        break;
      default:
        break;
    }
  }

  const name = organisation?.name ?? t("organisations.switcher.none");
  return (
    <div className="org-switcher" ref={containerRef}>
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        className="org-switcher__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={t("organisations.switcher.button", { name })}
        // the name may be cut short in the header; the tooltip shows it whole
        title={name}
        onClick={() => (open ? close(false) : setOpenFocus("first"))}
        onKeyDown={onButtonKeyDown}
      >
        {organisation ? (
          <Avatar name={organisation.name} color={organisation.avatarColor} size="small" />
        ) : null}
        <span className="org-switcher__name">{name}</span>
        <span className="org-switcher__caret" aria-hidden="true" />
      </button>
      <div
        id={menuId}
        ref={menuRef}
        role="menu"
        aria-labelledby={buttonId}
        className="org-switcher__list"
        hidden={!open}
        onKeyDown={onMenuKeyDown}
      >
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
                close(false);
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
        <Link role="menuitem" tabIndex={-1} to="/organisations" onClick={() => close(false)}>
          {t("organisations.switcher.all")}
        </Link>
        <Link role="menuitem" tabIndex={-1} to="/organisations/new" onClick={() => close(false)}>
          {t("organisations.switcher.create")}
        </Link>
      </div>
    </div>
  );
}
