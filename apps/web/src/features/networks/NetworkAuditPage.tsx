import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { Loading } from "../../components/PageStatus.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { formatDateTime } from "../../lib/dates.ts";
import { errorMessage } from "../../lib/errors.ts";
import { NotAllowed, useNetworkContext, useNetworkTitle } from "./NetworkLayout.tsx";
import { auditActionKey } from "./networks.labels.ts";
import { auditCsvUrl, useNetworkAudit } from "./networks.queries.ts";
import { ScrollRegion } from "./ScrollRegion.tsx";

/** /networks/:id/audit: who did what, newest first, page by page; CSV download (coordinator admins). */
export function NetworkAuditPage() {
  const { t } = useTranslation();
  const { network } = useNetworkContext();
  useNetworkTitle(t("networks.tabs.audit"));
  const allowed = network.abilities.readAudit;
  const audit = useNetworkAudit(network.id, allowed);
  const headingId = useId();
  const language = currentLanguage();
  const [loaded, setLoaded] = useState<number | null>(null);
  const endRef = useRef<HTMLParagraphElement>(null);
  const focusEnd = useRef(false);
  const atEnd = audit.data !== undefined && !audit.hasNextPage && loaded !== null;

  useEffect(() => {
    // The "load more" button that had focus is gone: continue at the end of the list.
    if (atEnd && focusEnd.current) {
      focusEnd.current = false;
      endRef.current?.focus();
    }
  }, [atEnd]);

  if (!allowed) {
    return <NotAllowed heading={t("networks.audit.heading")} />;
  }

  const events = audit.data?.pages.flatMap((page) => page.events) ?? [];

  async function loadMore() {
    if (audit.isFetchingNextPage) {
      return;
    }
    setLoaded(null);
    const before = events.length;
    const result = await audit.fetchNextPage();
    if (!result.isError) {
      const after = result.data?.pages.reduce((n, page) => n + page.events.length, 0) ?? before;
      setLoaded(after - before);
      focusEnd.current = !result.hasNextPage;
    }
  }

  return (
    <section className="nw-section" aria-labelledby={headingId}>
      <div className="nw-header">
        <h2 id={headingId}>{t("networks.audit.heading")}</h2>
        <a className="button button--secondary" href={auditCsvUrl(network.id)} download>
          {t("networks.audit.download")}
        </a>
      </div>
      <p>{t("networks.audit.intro")}</p>
      {audit.isPending ? <Loading /> : null}
      {audit.isError && !audit.data ? (
        <div className="notice notice--error" role="alert">
          <p>
            {t("networks.audit.loadFailed")} {errorMessage(t, audit.error)}
          </p>
          <Button variant="secondary" onClick={() => void audit.refetch()}>
            {t("app.retry")}
          </Button>
        </div>
      ) : null}
      {audit.data && events.length === 0 ? <p>{t("networks.audit.empty")}</p> : null}
      {events.length > 0 ? (
        <ScrollRegion labelledBy={headingId}>
          <table className="nw-data-table">
            <thead>
              <tr>
                <th scope="col">{t("networks.audit.at")}</th>
                <th scope="col">{t("networks.audit.action")}</th>
                <th scope="col">{t("networks.audit.actor")}</th>
                <th scope="col">{t("networks.audit.target")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <td>
                    <time dateTime={event.at}>{formatDateTime(event.at, language)}</time>
                  </td>
                  <td>{t(`networks.audit.actions.${auditActionKey(event.action)}`)}</td>
                  <td>{event.actor.name}</td>
                  <td>{event.target.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      <div role="status" className="status-region">
        {loaded !== null ? <p>{t("networks.audit.loaded", { count: loaded })}</p> : null}
      </div>
      {atEnd ? (
        <p ref={endRef} tabIndex={-1}>
          {t("networks.audit.end")}
        </p>
      ) : null}
      {audit.isFetchNextPageError ? (
        <p role="alert" className="notice notice--error">
          {errorMessage(t, audit.error)}
        </p>
      ) : null}
      {audit.hasNextPage ? (
        <div className="form__actions">
          <Button variant="secondary" busy={audit.isFetchingNextPage} onClick={() => void loadMore()}>
            {t("networks.audit.more")}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
