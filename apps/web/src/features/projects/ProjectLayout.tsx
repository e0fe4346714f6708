import type { Project } from "@ensemble/contracts/projects";
import type { TFunction } from "i18next";
import { type RefObject, useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useOutletContext, useParams } from "react-router";
import { ActionError } from "../../components/ActionError.tsx";
import { Button } from "../../components/Button.tsx";
import { Loading } from "../../components/PageStatus.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { TabNav } from "../../components/TabNav.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { asApiError } from "../../lib/api.ts";
import { formatDate } from "../../lib/dates.ts";
import { errorMessage } from "../../lib/errors.ts";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import { ProjectSwatch } from "./ProjectSwatch.tsx";
import { useChangeProjectState, useProject } from "./projects.queries.ts";
import "./projects.css";

/** One area of a project, shown as an entry of the project's sub-navigation. */
export interface ProjectTab {
  /** The path below /projects/:id ("" for the overview). */
  path: string;
  label(t: TFunction): string;
  /** Whether the caller sees this area at all (from the project's abilities); default: everyone. */
  visible?(project: Project): boolean;
}

/** What the layout hands to the page of each area. */
export interface ProjectContext {
  project: Project;
  /** Says something in the layout's status region (announced politely). */
  announce(message: string): void;
  /** Moves focus to the project's heading, e.g. after the control that had it disappeared. */
  focusHeading(): void;
}

/** The project shown by the surrounding ProjectLayout. */
export function useProjectContext(): ProjectContext {
  return useOutletContext<ProjectContext>();
}

/** The address of a project area. */
export function projectPath(id: string, tabPath = ""): string {
  return tabPath === "" ? `/projects/${id}` : `/projects/${id}/${tabPath}`;
}

/** A page title "<area> – <project>" for the area pages. */
export function useProjectTitle(area: string, project: Project): void {
  useDocumentTitle(`${area} – ${project.name}`);
}

function isNotFound(error: unknown): boolean {
  const e = asApiError(error);
  // A malformed id in the address is as unknown as a missing project.
  return e.status === 404 || e.code === "validation_failed";
}

/** "Projekt nicht gefunden": for unknown projects and for ones the caller may not see. */
export function ProjectNotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t("projects.project.notFoundTitle"));
  return (
    <div className="page">
      <h1>{t("projects.project.notFoundTitle")}</h1>
      <p>{t("projects.project.notFound")}</p>
      <p>
        <Link to="/projects">{t("projects.project.toProjects")}</Link>
      </p>
    </div>
  );
}

function LoadFailed({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  useDocumentTitle(t("projects.project.loadFailed"));
  return (
    <div className="page">
      <h1>{t("projects.project.loadFailed")}</h1>
      <p role="alert" className="notice notice--error">
        {errorMessage(t, error)}
      </p>
      <Button variant="secondary" onClick={onRetry}>
        {t("app.retry")}
      </Button>
    </div>
  );
}

/**
 * /projects/:id/*: the project's heading (colour, owner, state), the notices for archived and
 * trashed projects, the sub-navigation of its areas, and the area's page below.
 */
export function ProjectLayout({ tabs }: { tabs: readonly ProjectTab[] }) {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = useProject(id);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();
  // A message belongs to the area it was said in; another area starts quiet.
  const [said, setSaid] = useState<{ text: string; pathname: string } | null>(null);
  const announce = useCallback((text: string) => setSaid({ text, pathname }), [pathname]);
  const message = said?.pathname === pathname ? said.text : null;
  const focusHeading = useCallback(() => headingRef.current?.focus(), []);

  if (query.isPending) {
    return <Loading />;
  }
  if (query.isError) {
    if (isNotFound(query.error)) {
      return <ProjectNotFound />;
    }
    return <LoadFailed error={query.error} onRetry={() => void query.refetch()} />;
  }
  const project = query.data;
  const context: ProjectContext = { project, announce, focusHeading };
  return (
    <div className="page page--project">
      <ProjectHeader project={project} headingRef={headingRef} />
      <StateNotice project={project} announce={announce} focusHeading={focusHeading} />
      <TabNav
        className="subnav project-tabs"
        label={t("projects.project.tabsLabel")}
        tabs={tabs
          .filter((tab) => tab.visible?.(project) ?? true)
          .map((tab) => ({
            to: projectPath(project.id, tab.path),
            label: tab.label(t),
            end: tab.path === "",
          }))}
      />
      <StatusMessage message={message} />
      <Outlet context={context} />
    </div>
  );
}

function ProjectHeader({
  project,
  headingRef,
}: {
  project: Project;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation();
  const ownerLink =
    project.owner.kind === "organisation"
      ? `/organisations/${project.owner.id}`
      : `/networks/${project.owner.id}`;
  return (
    <header className={`project-header project-color--${project.color}`}>
      <ProjectSwatch name={project.name} color={project.color} size="large" />
      <div className="project-header__text">
        <h1 ref={headingRef} tabIndex={-1}>
          {project.name}
        </h1>
        <p className="project-header__meta">
          <span>
            {project.owner.kind === "organisation"
              ? t("projects.owner.organisationLabel")
              : t("projects.owner.networkLabel")}{" "}
            <Link to={ownerLink}>{project.owner.name}</Link>
          </span>
          {project.state === "active" ? null : (
            <span className={`badge badge--${project.state}`}>{t(`projects.states.${project.state}`)}</span>
          )}
        </p>
      </div>
    </header>
  );
}

function StateNotice({
  project,
  announce,
  focusHeading,
}: {
  project: Project;
  announce(message: string): void;
  focusHeading(): void;
}) {
  const { t } = useTranslation();
  const change = useChangeProjectState();
  if (project.state === "active") {
    return null;
  }
  const archived = project.state === "archived";
  const action = archived ? "unarchive" : "restore";
  const allowed = archived ? project.abilities.unarchive : project.abilities.restore;

  function run() {
    change.mutate(
      { id: project.id, action },
      {
        onSuccess: () => {
          announce(archived ? t("projects.project.unarchived") : t("projects.project.restored"));
          focusHeading();
        },
      },
    );
  }

  return (
    <div className="notice notice--warning project-notice">
      <p>
        {archived
          ? t("projects.project.archivedNotice")
          : t("projects.project.trashedNotice", {
              date: project.purgeAt ? formatDate(project.purgeAt, currentLanguage()) : "",
            })}
      </p>
      {allowed ? (
        <Button variant="secondary" busy={change.isPending} onClick={run}>
          {archived ? t("projects.project.unarchive") : t("projects.project.restore")}
        </Button>
      ) : null}
      <ActionError error={change.error} />
    </div>
  );
}
