import { useId } from "react";
import { useTranslation } from "react-i18next";
import { AuditLog } from "../audit/AuditLog.tsx";
import { auditCsvHref } from "../audit/audit.queries.ts";
import { NotAllowed, useNetworkContext, useNetworkTitle } from "./NetworkLayout.tsx";
import { useNetworkAudit } from "./networks.queries.ts";

/** /networks/:id/audit: who did what, newest first, page by page; CSV download (coordinator admins). */
export function NetworkAuditPage() {
  const { t } = useTranslation();
  const { network } = useNetworkContext();
  useNetworkTitle(t("networks.tabs.audit"));
  const allowed = network.abilities.readAudit;
  const audit = useNetworkAudit(network.id, allowed);
  const headingId = useId();

  if (!allowed) {
    return <NotAllowed heading={t("audit.heading")} />;
  }
  return (
    <section className="nw-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("audit.heading")}</h2>
      <p>{t("networks.audit.intro")}</p>
      <AuditLog log={audit} csvHref={auditCsvHref("networks", network.id)} showIp={false} />
    </section>
  );
}
