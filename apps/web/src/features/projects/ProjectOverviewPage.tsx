import type { ProjectMember } from "@ensemble/contracts/projects";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { useProjectContext, useProjectTitle } from "./ProjectLayout.tsx";
import { roleLabel } from "./projects.format.ts";
import { useProjectMembers } from "./projects.queries.ts";
import "./projects.css";

/** "Organisation A, Organisation B", or "Gast" for someone without an organisation. */
export function MemberOrganisations({ member }: { member: ProjectMember }) {
  const { t } = useTranslation();
  if (member.guest || member.organisations.length === 0) {
    return <>{t("projects.overview.guest")}</>;
  }
  return <>{member.organisations.map((o) => o.name).join(", ")}</>;
}

/** /projects/:id: what the project is about and who works on it. */
export function ProjectOverviewPage() {
  const { t } = useTranslation();
  const { project } = useProjectContext();
  useProjectTitle(t("projects.project.tabs.overview"), project);
  const members = useProjectMembers(project.id);
  const descriptionId = useId();
  const membersId = useId();

  return (
    <>
      <section className="project-section" aria-labelledby={descriptionId}>
        <h2 id={descriptionId}>{t("projects.overview.description")}</h2>
        {project.description.trim() === "" ? (
          <p className="muted">{t("projects.overview.noDescription")}</p>
        ) : (
          <p className="project-description">{project.description}</p>
        )}
      </section>
      <section className="project-section" aria-labelledby={membersId}>
        <h2 id={membersId}>{t("projects.overview.members")}</h2>
        {members.isPending ? <Loading /> : null}
        {members.isError ? (
          <LoadFailed
            message={t("projects.overview.membersLoadFailed")}
            error={members.error}
            onRetry={() => void members.refetch()}
          />
        ) : null}
        {members.data ? (
          <ul className="member-list">
            {members.data.map((member) => (
              <li key={member.userId}>
                <span>
                  <span className="member-list__name">{member.displayName}</span>
                  {member.isMe ? ` ${t("projects.overview.you")}` : null}
                  <br />
                  <span className="member-list__orgs">
                    <MemberOrganisations member={member} />
                  </span>
                </span>
                <span>{roleLabel(t, member.role)}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
