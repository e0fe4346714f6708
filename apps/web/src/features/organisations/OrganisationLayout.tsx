import type { Organisation } from "@ensemble/contracts/organisations";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useOutletContext, useParams } from "react-router";
import { Avatar } from "../../components/Avatar.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { TabNav } from "../../components/TabNav.tsx";
import { asApiError } from "../../lib/api.ts";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import { rememberCurrentOrganisation, useOrganisation } from "./organisations.queries.ts";
import "./organisations.css";

interface OrganisationOutlet {
  organisation: Organisation;
}

/** The organisation whose pages are being shown (inside OrganisationLayout). */
export function useOrganisationOutlet(): Organisation {
  return useOutletContext<OrganisationOutlet>().organisation;
}

/** Sets the tab title to "<section> – <organisation>". */
export function useOrganisationTitle(section: string, organisation: Organisation): void {
  useDocumentTitle(`${section} – ${organisation.name}`);
}

/** Shown when the API does not know the organisation (or hides it from me): a page, not a crash. */
export function OrganisationNotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t("organisations.notFound.title"));
  return (
    <div className="page">
      <h1>{t("organisations.notFound.heading")}</h1>
      <p>{t("organisations.notFound.text")}</p>
      <p>
        <Link to="/organisations">{t("organisations.notFound.back")}</Link>
      </p>
    </div>
  );
}

/** A section I may not see (the API would not answer it): the same as an unknown address. */
export function SectionNotFound() {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t("notFound.heading")}</h2>
      <p>{t("notFound.text")}</p>
    </>
  );
}

/** /organisations/:id: the organisation's name and the links to its sections, then the section. */
export function OrganisationLayout() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = useOrganisation(id);
  const organisation = query.data;

  useEffect(() => {
    if (organisation) {
      rememberCurrentOrganisation(organisation.id);
    }
  }, [organisation]);

  if (query.isPending) {
    return <LoadingOrganisation />;
  }
  if (query.isError && !organisation) {
    if (asApiError(query.error).status === 404) {
      return <OrganisationNotFound />;
    }
    return (
      <div className="page">
        <h1>{t("organisations.loadFailed")}</h1>
        <LoadFailed error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  }
  if (!organisation) {
    return null;
  }
  const { abilities } = organisation;
  const base = `/organisations/${organisation.id}`;
  return (
    <div className="page page--wide">
      <div className="org-header">
        <Avatar name={organisation.name} color={organisation.avatarColor} size="large" />
        <div>
          <h1>{organisation.name}</h1>
          <p className="org-header__meta">
            {t(`organisation.kinds.${organisation.kind}`)} <span aria-hidden="true">·</span>{" "}
            {t("organisations.summary.members", { count: organisation.memberCount })}{" "}
            <span aria-hidden="true">·</span>{" "}
            {t("organisations.summary.myRole", { role: t(`roles.organisation.${organisation.myRole}`) })}
          </p>
        </div>
      </div>
      <TabNav
        label={t("organisations.nav.label")}
        tabs={[
          { to: base, label: t("organisations.nav.profile"), end: true },
          { to: `${base}/members`, label: t("organisations.nav.members") },
          // network invitations are answered by admins (the same people who may edit the profile)
          ...(abilities.update
            ? [{ to: `${base}/network-invitations`, label: t("organisations.nav.networkInvitations") }]
            : []),
          ...(abilities.readAudit ? [{ to: `${base}/audit`, label: t("organisations.nav.audit") }] : []),
        ]}
      />
      <Outlet context={{ organisation } satisfies OrganisationOutlet} />
    </div>
  );
}

function LoadingOrganisation() {
  const { t } = useTranslation();
  useDocumentTitle(t("app.loading"));
  return (
    <div className="page">
      <Loading />
    </div>
  );
}
