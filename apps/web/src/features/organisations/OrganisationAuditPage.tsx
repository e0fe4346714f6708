import type { AuditEvent } from "@ensemble/contracts/audit";
import type { TFunction } from "i18next";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { Loading } from "../../components/PageStatus.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { formatDateTime } from "../../lib/dates.ts";
import { errorMessage } from "../../lib/errors.ts";
import { SectionNotFound, useOrganisationOutlet, useOrganisationTitle } from "./OrganisationLayout.tsx";
import { OrgSection } from "./OrgSection.tsx";
import { auditCsvHref, useOrganisationAudit } from "./organisations.queries.ts";

function roleName(t: TFunction, role: string | undefined): string | undefined {
  if (role === "owner" || role === "admin" || role === "member") {
    return t(`roles.organisation.${role}`);
  }
  return role;
}

/** What happened, in words, with the role details the API recorded (e.g. "Role changed: Member → Admin"). */
export function auditActionText(t: TFunction, event: AuditEvent): string {
  const action = t(`organisations.audit.actions.${event.action}`);
  const { from, to, role } = event.details;
  if (event.action === "member.role_changed" && from !== undefined && to !== undefined) {
    return t("organisations.audit.roleChange", {
      action,
      from: roleName(t, from) ?? from,
      to: roleName(t, to) ?? to,
    });
  }
  const roleText = roleName(t, role);
  if (roleText !== undefined) {
    return t("organisations.audit.withRole", { action, role: roleText });
  }
  return action;
}

/** /organisations/:id/audit: who did what when, newest first, older pages on request; CSV download. */
export function OrganisationAuditPage() {
  const { t } = useTranslation();
  const organisation = useOrganisationOutlet();
  useOrganisationTitle(t("organisations.nav.audit"), organisation);
  const allowed = organisation.abilities.readAudit;
  const audit = useOrganisationAudit(organisation.id, allowed);
  const [loaded, setLoaded] = useState<number | null>(null);
  const [reachedEnd, setReachedEnd] = useState(false);
  const endRef = useRef<HTMLParagraphElement>(null);
  const language = currentLanguage();

  useEffect(() => {
    // the button that had focus went away with the last page
    if (reachedEnd) {
      endRef.current?.focus();
    }
  }, [reachedEnd]);

  if (!allowed) {
    return <SectionNotFound />;
  }

  async function loadMore() {
    if (audit.isFetchingNextPage) {
      return;
    }
    setLoaded(null);
    const result = await audit.fetchNextPage();
    const last = result.data?.pages.at(-1);
    if (!result.isError && last) {
      setLoaded(last.events.length);
      setReachedEnd(!result.hasNextPage);
    }
  }

  const events = audit.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <OrgSection title={t("organisations.audit.heading")}>
      <p>{t("organisations.audit.intro")}</p>
      <p>
        <a href={auditCsvHref(organisation.id)} download>
          {t("organisations.audit.csv")}
        </a>
      </p>
      {audit.isPending ? <Loading /> : null}
      {audit.isError && !audit.data ? (
        <div className="notice notice--error" role="alert">
          <p>
            {t("organisations.audit.loadFailed")} {errorMessage(t, audit.error)}
          </p>
          <Button variant="secondary" onClick={() => void audit.refetch()}>
            {t("app.retry")}
          </Button>
        </div>
      ) : null}
      {audit.data && events.length === 0 ? <p>{t("organisations.audit.empty")}</p> : null}
      {events.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t("organisations.audit.heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("organisations.audit.time")}</th>
                <th scope="col">{t("organisations.audit.who")}</th>
                <th scope="col">{t("organisations.audit.what")}</th>
                <th scope="col">{t("organisations.audit.target")}</th>
                <th scope="col">{t("organisations.audit.ip")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <td className="data-table__nowrap">
                    <time dateTime={event.at}>{formatDateTime(event.at, language)}</time>
                  </td>
                  <td>
                    {event.actor.name}
                    {event.actor.id === null ? (
                      <span className="data-table__muted"> {t("organisations.audit.deletedAccount")}</span>
                    ) : null}
                  </td>
                  <td>{auditActionText(t, event)}</td>
                  <td>{event.target.name}</td>
                  <td className="data-table__nowrap">{event.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {audit.hasNextPage ? (
        <div className="section-actions">
          <Button variant="secondary" busy={audit.isFetchingNextPage} onClick={() => void loadMore()}>
            {t("organisations.audit.more")}
          </Button>
        </div>
      ) : events.length > 0 ? (
        <p className="data-table__muted" ref={endRef} tabIndex={-1}>
          {t("organisations.audit.end")}
        </p>
      ) : null}
      <StatusMessage message={loaded === null ? null : t("organisations.audit.loaded", { count: loaded })} />
      {audit.isFetchNextPageError ? (
        <p role="alert" className="notice notice--error">
          {errorMessage(t, audit.error)}
        </p>
      ) : null}
    </OrgSection>
  );
}
