import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { navItems } from "./nav.ts";

/** The main navigation; the current page is marked with aria-current (NavLink does this). */
export function PrimaryNav() {
  const { t } = useTranslation();
  return (
    <nav className="primary-nav" aria-label={t("nav.label")}>
      <ul>
        {navItems.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end ?? false}>
              {t(item.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
