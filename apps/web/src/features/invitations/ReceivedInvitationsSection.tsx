import { useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { Loading } from "../../components/PageStatus.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useMe } from "../auth/auth.queries.ts";
import { InvitationList } from "./InvitationList.tsx";
import { useReceivedInvitations } from "./invitations.queries.ts";
import "./invitations.css";

/** "Your invitations" on the home page: everything waiting for my answer. */
export function ReceivedInvitationsSection() {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const invitations = useReceivedInvitations();
  const me = useMe().data;

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("invitations.home.heading")}
      </h2>
      {invitations.isPending ? <Loading /> : null}
      {invitations.isError ? (
        <div className="notice notice--error" role="alert">
          <p>
            {t("invitations.home.loadFailed")} {errorMessage(t, invitations.error)}
          </p>
          <Button variant="secondary" onClick={() => void invitations.refetch()}>
            {t("app.retry")}
          </Button>
        </div>
      ) : null}
      {invitations.data?.length === 0 ? <p>{t("invitations.home.empty")}</p> : null}
      {/* the list shows invitations to my address only once it is confirmed */}
      {me && !me.emailVerified ? <p className="field__hint">{t("invitations.home.unverified")}</p> : null}
      <InvitationList invitations={invitations.data ?? []} headingRef={headingRef} />
    </section>
  );
}
