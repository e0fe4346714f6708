import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CurrentUser } from "../features/auth/auth.queries.ts";

type OpenFocus = "first" | "last";

/**
 * The account menu button (ARIA menu button pattern): Enter, Space or ArrowDown open it on the
 * first item, ArrowUp on the last; arrows, Home and End move; Escape closes and returns focus;
 * Tab or a click outside close it.
 */
export function AccountMenu({
  user,
  signingOut,
  onSignOut,
}: {
  user: CurrentUser;
  signingOut: boolean;
  /** Signs out; resolves false when that failed (focus then returns to the menu button). */
  onSignOut(): Promise<boolean>;
}) {
  const { t } = useTranslation();
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
    // A click or focus anywhere else closes the menu.
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

  async function signOut() {
    if (!(await onSignOut())) {
      close(true);
    }
  }

  return (
    <div className="account-menu" ref={containerRef}>
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        className="account-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={t("accountMenu.button", { name: user.displayName })}
        onClick={() => (open ? close(false) : setOpenFocus("first"))}
        onKeyDown={onButtonKeyDown}
      >
        <span className="account-menu__name">{user.displayName}</span>
        <span className="account-menu__caret" aria-hidden="true" />
      </button>
      <div
        id={menuId}
        ref={menuRef}
        role="menu"
        aria-labelledby={buttonId}
        className="account-menu__list"
        hidden={!open}
        onKeyDown={onMenuKeyDown}
      >
        <Link role="menuitem" tabIndex={-1} to="/settings" onClick={() => close(false)}>
          {t("accountMenu.settings")}
        </Link>
        <button
          role="menuitem"
          tabIndex={-1}
          type="button"
          aria-busy={signingOut || undefined}
          onClick={() => void signOut()}
        >
          {t("accountMenu.signOut")}
        </button>
      </div>
    </div>
  );
}
