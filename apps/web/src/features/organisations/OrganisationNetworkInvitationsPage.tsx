import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { CardSection } from "../../components/CardSection.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { InvitationList } from "../invitations/InvitationList.tsx";
import "../invitations/invitations.css";
import { SectionNotFound, useOrganisationOutlet, useOrganisationTitle } from "./OrganisationLayout.tsx";
import { useOrganisationNetworkInvitations } from "./organisations.queries.ts";

/** /organisations/:id/network-invitations: networks that invite this organisation (admins answer). */
export function OrganisationNetworkInvitationsPage() {
  const { t } = useTranslation();
  const organisation = useOrganisationOutlet();
  useOrganisationTitle(t("organisations.nav.networkInvitations"), organisation);
  // answering network invitations is for admins, the same people who may edit the profile
  const allowed = organisation.abilities.update;
  const invitations = useOrganisationNetworkInvitations(organisation.id, allowed);
  const headingRef = useRef<HTMLHeadingElement>(null);

  if (!allowed) {
    return <SectionNotFound />;
  }
  return (
    <CardSection title={t("organisations.networkInvitations.heading")} headingRef={headingRef}>
      <p>{t("organisations.networkInvitations.intro")}</p>
      {invitations.isPending ? <Loading /> : null}
      {invitations.isError ? (
        <LoadFailed
          message={t("organisations.networkInvitations.loadFailed")}
          error={invitations.error}
          onRetry={() => void invitations.refetch()}
        />
      ) : null}
      {invitations.data?.length === 0 ? <p>{t("organisations.networkInvitations.empty")}</p> : null}
      <InvitationList
        invitations={invitations.data ?? []}
        organisationId={organisation.id}
        headingRef={headingRef}
      />
    </CardSection>
  );
}
