import { useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
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
        <LoadFailed
          message={t("invitations.home.loadFailed")}
          error={invitations.error}
          onRetry={() => void invitations.refetch()}
        />
      ) : null}
      {invitations.data?.length === 0 ? <p>{t("invitations.home.empty")}</p> : null}
      {/* the list shows invitations to my address only once it is confirmed */}
      {me && !me.emailVerified ? <p className="field__hint">{t("invitations.home.unverified")}</p> : null}
      <InvitationList invitations={invitations.data ?? []} headingRef={headingRef} />
    </section>
  );
}
