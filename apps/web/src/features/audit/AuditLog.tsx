import type { AuditEvent } from "@ensemble/contracts/audit";
import type { TFunction } from "i18next";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { NoValue } from "../../components/NoValue.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { formatDateTime } from "../../lib/dates.ts";
import { errorMessage } from "../../lib/errors.ts";
import { roleName } from "../../lib/roles.ts";
import type { AuditLogQuery } from "./audit.queries.ts";

/** What happened, in words, with the role details the API recorded (e.g. "Role changed: from Member to Admin"; in words, as an arrow would be read out as "arrow"). */
export function auditActionText(t: TFunction, event: AuditEvent): string {
  const action = t(`audit.actions.${event.action}`);
  const { from, to, role } = event.details;
  if (event.action === "member.role_changed" && from !== undefined && to !== undefined) {
    return t("audit.roleChange", { action, from: roleName(t, from) ?? from, to: roleName(t, to) ?? to });
  }
  const roleText = roleName(t, role);
  if (roleText !== null) {
    return t("audit.withRole", { action, role: roleText });
  }
  return action;
}

/**
 * An audit log inside its page's section: the CSV download, the events as a table (newest first)
 * and older pages on request (announced; focus stays on the button, or moves to "these are all the
 * entries" when the button goes with the last page).
 */
export function AuditLog({
  log,
  csvHref,
  showIp,
}: {
  log: AuditLogQuery;
  csvHref: string;
  /** Organisation logs record where a change came from; network logs do not (data economy). */
  showIp: boolean;
}) {
  const { t } = useTranslation();
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

  async function loadMore() {
    if (log.isFetchingNextPage) {
      return;
    }
    setLoaded(null);
    const result = await log.fetchNextPage();
    const last = result.data?.pages.at(-1);
    if (!result.isError && last) {
      setLoaded(last.events.length);
      setReachedEnd(!result.hasNextPage);
    }
  }

  const events = log.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <>
      <p>
        <a href={csvHref} download>
          {t("audit.csv")}
        </a>
      </p>
      {log.isPending ? <Loading /> : null}
      {log.isError && !log.data ? (
        <LoadFailed message={t("audit.loadFailed")} error={log.error} onRetry={() => void log.refetch()} />
      ) : null}
      {log.data && events.length === 0 ? <p>{t("audit.empty")}</p> : null}
      {events.length > 0 ? (
        <TableScroll name={t("audit.heading")}>
          <table className="data-table">
            <caption className="visually-hidden">{t("audit.heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.time")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.target")}</th>
                {showIp ? <th scope="col">{t("audit.ip")}</th> : null}
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
                      <span className="data-table__muted"> {t("audit.deletedAccount")}</span>
                    ) : null}
                  </td>
                  <td>{auditActionText(t, event)}</td>
                  <td>{event.target.name}</td>
                  {showIp ? <td className="data-table__nowrap">{event.ip ?? <NoValue />}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {log.hasNextPage ? (
        <div className="form__actions">
          <Button variant="secondary" busy={log.isFetchingNextPage} onClick={() => void loadMore()}>
            {t("audit.more")}
          </Button>
        </div>
      ) : events.length > 0 ? (
        <p className="data-table__muted" ref={endRef} tabIndex={-1}>
          {t("audit.end")}
        </p>
      ) : null}
      <StatusMessage message={loaded === null ? null : t("audit.loaded", { count: loaded })} />
      {log.isFetchNextPageError ? (
        <p role="alert" className="notice notice--error">
          {errorMessage(t, log.error)}
        </p>
      ) : null}
    </>
  );
}
