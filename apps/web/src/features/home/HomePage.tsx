import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadFailed } from "../../components/PageStatus.tsx";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import { useMe } from "../auth/auth.queries.ts";
import { ReceivedInvitationsSection } from "../invitations/ReceivedInvitationsSection.tsx";
import { OrganisationQuickLinks } from "../organisations/OrganisationQuickLinks.tsx";
import { ProjectSwatch } from "../projects/ProjectSwatch.tsx";
import { useProjects } from "../projects/projects.queries.ts";

/** How many projects the start page shows before "all projects". */
const HOME_PROJECTS = 8;

/** "/": the workspace start page: invitations waiting for me, my projects, my organisations. */
export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t("home.title"));
  const me = useMe().data;
  const projects = useProjects({ view: "active" });
  const projectsId = useId();
  const list = projects.data ?? [];
  return (
    <div className="page">
      <h1>{t("home.heading", { name: me?.displayName ?? "" })}</h1>
      <ReceivedInvitationsSection />
      {projects.isSuccess && list.length === 0 ? (
        <section className="empty-state" aria-labelledby={projectsId}>
          <h2 id={projectsId}>{t("home.emptyTitle")}</h2>
          <p>{t("home.empty")}</p>
          <p>
            <Link to="/projects/new">{t("home.newProject")}</Link>
          </p>
        </section>
      ) : (
        <section className="card" aria-labelledby={projectsId}>
          <h2 id={projectsId}>{t("home.projectsHeading")}</h2>
          {projects.isPending ? (
            <p className="loading" role="status">
              {t("app.loading")}
            </p>
          ) : null}
          {projects.isError ? (
            <LoadFailed
              message={t("home.projectsLoadFailed")}
              error={projects.error}
              onRetry={() => void projects.refetch()}
            />
          ) : null}
          <ul className="home-projects">
            {list.slice(0, HOME_PROJECTS).map((p) => (
              <li key={p.id}>
                <ProjectSwatch name={p.name} color={p.color} size="small" />
                <Link to={`/projects/${p.id}`}>{p.name}</Link>
                <span className="home-projects__owner">
                  {t(
                    p.owner.kind === "organisation"
                      ? "projects.owner.organisation"
                      : "projects.owner.network",
                    {
                      name: p.owner.name,
                    },
                  )}
                </span>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/projects">{t("home.allProjects")}</Link>
          </p>
        </section>
      )}
      <OrganisationQuickLinks />
    </div>
  );
}
