import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import { useMe } from "../auth/auth.queries.ts";
import { ReceivedInvitationsSection } from "../invitations/ReceivedInvitationsSection.tsx";
import { OrganisationQuickLinks } from "../organisations/OrganisationQuickLinks.tsx";

/** "/": the workspace start page: invitations waiting for me, my organisations; projects will be listed here. */
export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t("home.title"));
  const me = useMe().data;
  const emptyId = useId();
  return (
    <div className="page">
      <h1>{t("home.heading", { name: me?.displayName ?? "" })}</h1>
      <ReceivedInvitationsSection />
      <OrganisationQuickLinks />
      <section className="empty-state" aria-labelledby={emptyId}>
        <h2 id={emptyId}>{t("home.emptyTitle")}</h2>
        <p>{t("home.empty")}</p>
      </section>
    </div>
  );
}
