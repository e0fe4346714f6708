import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CurrentUser } from "../features/auth/auth.queries.ts";
import { useMenuButton } from "./useMenuButton.ts";

/** The account menu in the header (a menu button, see useMenuButton): settings and signing out. */
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
  const menu = useMenuButton();

  async function signOut() {
    if (!(await onSignOut())) {
      menu.close(true);
    }
  }

  return (
    <div className="account-menu" ref={menu.containerRef}>
      <button
        {...menu.buttonProps}
        type="button"
        className="menu-button account-menu__button"
        aria-label={t("accountMenu.button", { name: user.displayName })}
      >
        <span className="menu-button__name">{user.displayName}</span>
        <span className="menu-button__caret" aria-hidden="true" />
      </button>
      <div {...menu.menuProps} className="menu-list account-menu__list">
        <Link role="menuitem" tabIndex={-1} to="/settings" onClick={() => menu.close(false)}>
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
