import { useTranslation } from "react-i18next";
import { CardSection } from "../../components/CardSection.tsx";
import { AuditLog } from "../audit/AuditLog.tsx";
import { auditCsvHref } from "../audit/audit.queries.ts";
import { SectionNotFound, useOrganisationOutlet, useOrganisationTitle } from "./OrganisationLayout.tsx";
import { useOrganisationAudit } from "./organisations.queries.ts";

/** /organisations/:id/audit: who did what when, newest first, older pages on request; CSV download. */
export function OrganisationAuditPage() {
  const { t } = useTranslation();
  const organisation = useOrganisationOutlet();
  useOrganisationTitle(t("organisations.nav.audit"), organisation);
  const allowed = organisation.abilities.readAudit;
  const audit = useOrganisationAudit(organisation.id, allowed);

  if (!allowed) {
    return <SectionNotFound />;
  }
  return (
    <CardSection title={t("audit.heading")}>
      <p>{t("organisations.audit.intro")}</p>
      <AuditLog log={audit} csvHref={auditCsvHref("organisations", organisation.id)} showIp={true} />
    </CardSection>
  );
}
