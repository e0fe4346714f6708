import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { CardSection } from "../../components/CardSection.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { useMe } from "../auth/auth.queries.ts";
import { InvitationList } from "./InvitationList.tsx";
import { useReceivedInvitations } from "./invitations.queries.ts";
import "./invitations.css";

/** "Your invitations" on the home page: everything waiting for my answer. */
export function ReceivedInvitationsSection() {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const invitations = useReceivedInvitations();
  const me = useMe().data;

  return (
    <CardSection title={t("invitations.home.heading")} headingRef={headingRef}>
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
    </CardSection>
  );
}
