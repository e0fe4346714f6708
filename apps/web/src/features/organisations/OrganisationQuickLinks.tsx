import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Avatar } from "../../components/Avatar.tsx";
import { CardSection } from "../../components/CardSection.tsx";
import { Loading } from "../../components/PageStatus.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useOrganisations } from "./organisations.queries.ts";
import "./organisations.css";

/** My organisations as links (the home page). */
export function OrganisationQuickLinks() {
  const { t } = useTranslation();
  const organisations = useOrganisations();
  return (
    <CardSection title={t("organisations.quickLinks.heading")}>
      {organisations.isPending ? <Loading /> : null}
      {organisations.isError ? (
        <p role="alert" className="notice notice--error">
          {t("organisations.list.loadFailed")} {errorMessage(t, organisations.error)}
        </p>
      ) : null}
      {organisations.data?.length === 0 ? <p>{t("organisations.quickLinks.empty")}</p> : null}
      {organisations.data && organisations.data.length > 0 ? (
        <ul className="quick-links">
          {organisations.data.map((o) => (
            <li key={o.id}>
              <Link to={`/organisations/${o.id}`}>
                <Avatar name={o.name} color={o.avatarColor} size="small" />
                <span>{o.name}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="section-actions">
        {organisations.data && organisations.data.length > 0 ? (
          <Link to="/organisations">{t("organisations.quickLinks.all")}</Link>
        ) : null}
        <Link to="/organisations/new">{t("organisations.quickLinks.create")}</Link>
      </p>
    </CardSection>
  );
}
