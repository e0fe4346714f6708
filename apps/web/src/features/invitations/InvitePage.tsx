import type { ReceivedInvitation } from "@ensemble/contracts/invitations";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { Button } from "../../components/Button.tsx";
import { Loading } from "../../components/PageStatus.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { asApiError } from "../../lib/api.ts";
import { errorMessage } from "../../lib/errors.ts";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import { type CurrentUser, useMe, useSignOut } from "../auth/auth.queries.ts";
import { InvitationAnswer, InvitationDescription } from "./InvitationAnswer.tsx";
import {
  acceptedPath,
  useAcceptInvitationByToken,
  useDeclineInvitationByToken,
  useInvitationPreview,
} from "./invitations.queries.ts";
import "./invitations.css";

function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * /invite/:token — the link from an invitation mail, signed in or not. Shows what the invitation
 * is; signed out it leads to sign-up (address filled in) or sign-in and back here; signed in with
 * the invited address it accepts or declines.
 */
export function InvitePage() {
  const { t } = useTranslation();
  useDocumentTitle(t("invitations.page.title"));
  const { token = "" } = useParams();
  const preview = useInvitationPreview(token);
  const me = useMe();

  if (preview.isPending) {
    return <Loading />;
  }
  if (preview.isError) {
    const code = asApiError(preview.error).code;
    // a malformed token cannot name an invitation either: to the reader it is just as unusable
    const unusable = code === "invitation_expired" || code === "validation_failed" || code === "not_found";
    return (
      <>
        <h1>{unusable ? t("invitations.page.expiredHeading") : t("invitations.page.invalidHeading")}</h1>
        <p role="alert" className={unusable ? "notice notice--warning" : "notice notice--error"}>
          {unusable ? t("invitations.page.expired") : errorMessage(t, preview.error)}
        </p>
        {unusable ? null : (
          <Button variant="secondary" onClick={() => void preview.refetch()}>
            {t("app.retry")}
          </Button>
        )}
        <p>
          <Link to="/">{t("invitations.page.toHome")}</Link>
        </p>
      </>
    );
  }
  const invitation = preview.data;
  return (
    <>
      <h1>{t("invitations.page.heading")}</h1>
      <InvitationDescription invitation={invitation} showEmail />
      {me.data === undefined ? (
        me.isError ? (
          <div role="alert" className="notice notice--error">
            <p>{errorMessage(t, me.error)}</p>
            <Button variant="secondary" onClick={() => void me.refetch()}>
              {t("app.retry")}
            </Button>
          </div>
        ) : (
          <Loading />
        )
      ) : me.data === null ? (
        <SignedOut token={token} invitation={invitation} />
      ) : sameAddress(me.data.email, invitation.email) ? (
        <SignedIn token={token} invitation={invitation} />
      ) : (
        <WrongAccount token={token} me={me.data} />
      )}
    </>
  );
}

function invitePath(token: string): string {
  return `/invite/${encodeURIComponent(token)}`;
}

function SignedOut({ token, invitation }: { token: string; invitation: ReceivedInvitation }) {
  const { t } = useTranslation();
  const next = encodeURIComponent(invitePath(token));
  const signUp = `/sign-up?email=${encodeURIComponent(invitation.email)}&next=${next}`;
  return (
    <>
      <p>{t("invitations.page.signedOut", { email: invitation.email })}</p>
      <div className="form__actions">
        <Link className="button button--primary" to={signUp}>
          {t("invitations.page.signUp")}
        </Link>
        <Link className="button button--secondary" to={`/sign-in?next=${next}`}>
          {t("invitations.page.signIn")}
        </Link>
      </div>
    </>
  );
}

function WrongAccount({ token, me }: { token: string; me: CurrentUser }) {
  const { t } = useTranslation();
  const signOut = useSignOut();

  async function switchAccount() {
    try {
      await signOut.mutateAsync();
    } catch (error) {
      if (asApiError(error).status !== 401) {
        return;
      }
    }
    // a full page load: nothing of the other account stays in memory
    window.location.assign(`/sign-in?next=${encodeURIComponent(invitePath(token))}`);
  }

  return (
    <>
      <div className="notice notice--warning">
        <p>{t("errors.code.invitation_wrong_account")}</p>
        <p>{t("invitations.page.signedInAs", { email: me.email })}</p>
      </div>
      <div className="form__actions">
        <Button variant="secondary" busy={signOut.isPending} onClick={() => void switchAccount()}>
          {t("invitations.page.switchAccount")}
        </Button>
      </div>
      {signOut.isError && asApiError(signOut.error).status !== 401 ? (
        <p role="alert" className="notice notice--error">
          {t("accountMenu.signOutFailed")} {errorMessage(t, signOut.error)}
        </p>
      ) : null}
    </>
  );
}

function SignedIn({ token, invitation }: { token: string; invitation: ReceivedInvitation }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const accept = useAcceptInvitationByToken();
  const decline = useDeclineInvitationByToken();
  const [declined, setDeclined] = useState(false);
  const homeRef = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    // the buttons are gone: the next thing to do is going on
    if (declined) {
      homeRef.current?.focus();
    }
  }, [declined]);

  if (declined) {
    return (
      <>
        <StatusMessage message={t("invitations.page.declined")} />
        <p>
          <Link ref={homeRef} to="/">
            {t("invitations.page.toHome")}
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <StatusMessage message={null} />
      <InvitationAnswer
        invitation={invitation}
        returnTo={invitePath(token)}
        onAccept={async (organisationId) => {
          const accepted = await accept.mutateAsync({
            token,
            ...(organisationId === undefined ? {} : { organisationId }),
          });
          navigate(acceptedPath(accepted));
        }}
        onDecline={async () => {
          await decline.mutateAsync(token);
          setDeclined(true);
        }}
      />
    </>
  );
}
