import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet } from "react-router";
import { LanguageSwitcher } from "./LanguageSwitcher.tsx";
import { SkipLink } from "./SkipLink.tsx";
import { useRouteFocus } from "./useRouteFocus.ts";

/** The frame of the pages used without signing in: product name, language, one card of content. */
export function PublicLayout() {
  const { t } = useTranslation();
  const mainRef = useRef<HTMLElement>(null);
  useRouteFocus(mainRef);
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="site-header__inner">
          <Link className="brand" to="/">
            {t("app.name")}
          </Link>
          <div className="site-header__tools">
            <LanguageSwitcher />
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="main main--narrow">
        <div className="card">
          <Outlet />
        </div>
      </main>
    </>
  );
}
