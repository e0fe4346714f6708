import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { Avatar } from "../../components/Avatar.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import { useOrganisations } from "./organisations.queries.ts";
import "./organisations.css";

/** The name of the organisation just left, handed over in the navigation state. */
function leftName(state: unknown): string | null {
  if (typeof state === "object" && state !== null && "left" in state && typeof state.left === "string") {
    return state.left;
  }
  return null;
}

/** /organisations: the organisations I belong to, with my role in each. */
export function OrganisationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("organisations.title"));
  const organisations = useOrganisations();
  const location = useLocation();
  const left = leftName(location.state);
  const emptyId = useId();

  return (
    <div className="page">
      <div className="page-header">
        <h1>{t("organisations.list.heading")}</h1>
        <Link className="button button--primary" to="/organisations/new">
          {t("organisations.list.create")}
        </Link>
      </div>
      <StatusMessage message={left ? t("organisations.list.left", { name: left }) : null} />
      {organisations.isPending ? <Loading /> : null}
      {organisations.isError ? (
        <LoadFailed
          message={t("organisations.list.loadFailed")}
          error={organisations.error}
          onRetry={() => void organisations.refetch()}
        />
      ) : null}
      {organisations.data?.length === 0 ? (
        <section className="empty-state" aria-labelledby={emptyId}>
          <h2 id={emptyId}>{t("organisations.list.emptyTitle")}</h2>
          <p>{t("organisations.list.empty")}</p>
        </section>
      ) : null}
      {organisations.data && organisations.data.length > 0 ? (
        <ul className="org-list">
          {organisations.data.map((o) => (
            <li key={o.id} className="org-list__item">
              <Avatar name={o.name} color={o.avatarColor} size="medium" />
              <div>
                <Link className="org-list__name" to={`/organisations/${o.id}`}>
                  {o.name}
                </Link>
                <p className="org-list__meta">
                  {t(`organisation.kinds.${o.kind}`)} <span aria-hidden="true">·</span>{" "}
                  {t("organisations.summary.myRole", { role: t(`roles.organisation.${o.myRole}`) })}
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
