import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet } from "react-router";
import { useMe, useSignOut } from "../features/auth/auth.queries.ts";
import { asApiError } from "../lib/api.ts";
import { errorMessage } from "../lib/errors.ts";
import { useLiveEventStream } from "../lib/events.ts";
import { AccountMenu } from "./AccountMenu.tsx";
import { LanguageSwitcher } from "./LanguageSwitcher.tsx";
import { OrganisationSwitcher } from "./OrganisationSwitcher.tsx";
import { PrimaryNav } from "./PrimaryNav.tsx";
import { SkipLink } from "./SkipLink.tsx";
import { useRouteFocus } from "./useRouteFocus.ts";
import { VerifyBanner } from "./VerifyBanner.tsx";

/** The frame of every signed-in page: header with navigation, organisation, language and account, then main. */
export function AppShell() {
  const { t } = useTranslation();
  const me = useMe().data;
  const mainRef = useRef<HTMLElement>(null);
  const signOut = useSignOut();
  useRouteFocus(mainRef);
  // one live event stream per signed-in client, for as long as the signed-in frame is shown
  useLiveEventStream(me?.id);

  async function onSignOut(): Promise<boolean> {
    if (signOut.isPending) {
      return true;
    }
    try {
      await signOut.mutateAsync();
    } catch (error) {
      if (asApiError(error).status !== 401) {
        return false;
      }
    }
    // A full page load leaves nothing of this user in memory (shared computers).
    window.location.assign("/sign-in");
    return true;
  }

  if (!me) {
    return null;
  }
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="site-header__inner">
          <Link className="brand" to="/">
            {t("app.name")}
          </Link>
          <PrimaryNav />
          <div className="site-header__tools">
            <OrganisationSwitcher />
            <LanguageSwitcher />
            <AccountMenu user={me} signingOut={signOut.isPending} onSignOut={onSignOut} />
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        {signOut.isError && asApiError(signOut.error).status !== 401 ? (
          <p role="alert" className="notice notice--error">
            {t("accountMenu.signOutFailed")} {errorMessage(t, signOut.error)}
          </p>
        ) : null}
        {me.emailVerified ? null : <VerifyBanner email={me.email} />}
        <Outlet />
      </main>
    </>
  );
}
