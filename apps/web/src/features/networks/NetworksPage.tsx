import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import "./networks.css";
import { useNetworks } from "./networks.queries.ts";

/** What a page that sends the user here may tell them (after leaving a network). */
export interface NetworksPageNotice {
  left: { organisation: string; network: string };
}

function noticeFrom(state: unknown): NetworksPageNotice | null {
  if (typeof state !== "object" || state === null || !("left" in state)) {
    return null;
  }
  const left = (state as { left: unknown }).left;
  if (typeof left !== "object" || left === null) {
    return null;
  }
  const { organisation, network } = left as Record<string, unknown>;
  return typeof organisation === "string" && typeof network === "string"
    ? { left: { organisation, network } }
    : null;
}

/** /networks: the networks my organisations are in. */
export function NetworksPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("networks.list.heading"));
  const networks = useNetworks();
  const notice = noticeFrom(useLocation().state);
  const emptyId = useId();

  return (
    <div className="page nw-page networks">
      <div className="page-header">
        <h1>{t("networks.list.heading")}</h1>
        <Link className="button button--primary" to="/networks/new">
          {t("networks.list.create")}
        </Link>
      </div>
      <p className="nw-intro">{t("networks.list.intro")}</p>
      <StatusMessage message={notice ? t("networks.list.left", notice.left) : null} />
      {networks.isPending ? <Loading /> : null}
      {networks.isError ? (
        <LoadFailed
          message={t("networks.list.loadFailed")}
          error={networks.error}
          onRetry={() => void networks.refetch()}
        />
      ) : null}
      {networks.data && networks.data.length === 0 ? (
        <section className="empty-state" aria-labelledby={emptyId}>
          <h2 id={emptyId}>{t("networks.list.emptyTitle")}</h2>
          <p>{t("networks.list.empty")}</p>
        </section>
      ) : null}
      {networks.data && networks.data.length > 0 ? (
        <ul className="nw-list">
          {networks.data.map((network) => (
            <li key={network.id} className="nw-list__item card">
              <h2 className="nw-list__name">
                <Link to={`/networks/${network.id}`}>{network.name}</Link>
                {network.isCoordinator ? (
                  <span className="badge">{t("networks.list.coordinatorBadge")}</span>
                ) : null}
              </h2>
              <p className="meta-row nw-list__meta">
                <span>{t("networks.list.coordinatedBy", { name: network.coordinatorName })}</span>
                <span>{t("networks.list.partners", { count: network.partnerCount })}</span>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
