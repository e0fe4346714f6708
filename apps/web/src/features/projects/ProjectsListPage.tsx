import type { Project } from "@ensemble/contracts/projects";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router";
import { ActionError } from "../../components/ActionError.tsx";
import { Button } from "../../components/Button.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { LiveText, StatusMessage } from "../../components/StatusMessage.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { formatDate } from "../../lib/dates.ts";
import { errorMessage } from "../../lib/errors.ts";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import { OwnerSelect } from "./OwnerSelect.tsx";
import { ProjectSwatch } from "./ProjectSwatch.tsx";
import { roleLabel } from "./projects.format.ts";
import { noticeFromState } from "./projects.notice.ts";
import {
  ownerFields,
  ownerFromSearch,
  ownerValue,
  parseOwnerValue,
  withOwnerFilter,
} from "./projects.owner.ts";
import {
  useChangeProjectState,
  useOwnerNetworks,
  useOwnerOrganisations,
  useProjects,
} from "./projects.queries.ts";
import "./projects.css";

const VIEWS = ["active", "archived", "trash"] as const;
type View = (typeof VIEWS)[number];

function viewFrom(params: URLSearchParams): View {
  const view = params.get("view");
  return view === "archived" || view === "trash" ? view : "active";
}

/** The address of a view, keeping the owner filter. */
function viewSearch(params: URLSearchParams, view: View): string {
  const next = new URLSearchParams(params);
  if (view === "active") {
    next.delete("view");
  } else {
    next.set("view", view);
  }
  const search = next.toString();
  return search ? `?${search}` : "";
}

/** /projects: my projects, archived ones and the trash, filtered by organisation or network. */
export function ProjectsListPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const view = viewFrom(params);
  // the view is in the title, so the browser tab and history say which list this is
  useDocumentTitle(
    view === "active"
      ? t("projects.list.heading")
      : `${t(`projects.list.views.${view}`)} – ${t("projects.list.heading")}`,
  );
  const owner = ownerFromSearch(params);
  const projects = useProjects({ view, ...ownerFields(owner) });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [restoredName, setRestoredName] = useState<string | null>(null);
  const notice = noticeFromState(location.state);

  const newProjectSearch = owner ? `?${withOwnerFilter(new URLSearchParams(), owner).toString()}` : "";
  const message = restoredName
    ? t("projects.list.restored", { name: restoredName })
    : notice?.kind === "left"
      ? t("projects.list.notice.left", { name: notice.name })
      : notice?.kind === "trashed"
        ? t("projects.list.notice.trashed", { name: notice.name })
        : null;

  return (
    <div className="page projects-page">
      <div className="page-header">
        <h1 ref={headingRef} tabIndex={-1}>
          {t("projects.list.heading")}
        </h1>
        <Link className="button button--primary" to={`/projects/new${newProjectSearch}`}>
          {t("projects.list.newProject")}
        </Link>
      </div>
      <StatusMessage message={message} />
      <div className="projects-toolbar">
        <nav className="subnav" aria-label={t("projects.list.viewsLabel")}>
          <ul>
            {VIEWS.map((v) => (
              <li key={v}>
                <Link to={{ search: viewSearch(params, v) }} aria-current={v === view ? "page" : undefined}>
                  {t(`projects.list.views.${v}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <OwnerFilter
          value={owner ? ownerValue(owner) : ""}
          onApply={(value) => setParams(withOwnerFilter(params, parseOwnerValue(value)))}
        />
      </div>
      {/* One count region for every view, always in the page: a region that came and went with the
          list was new each time, and new regions holding their text are not announced. */}
      <LiveText
        className={projects.data?.length ? "project-count" : "visually-hidden"}
        text={projects.data ? t("projects.list.count", { count: projects.data.length }) : null}
        announceKey={`${view} ${owner ? ownerValue(owner) : ""}`}
      />
      {projects.isPending ? <Loading /> : null}
      {projects.isError ? (
        <LoadFailed
          message={t("projects.list.loadFailed")}
          error={projects.error}
          onRetry={() => void projects.refetch()}
        />
      ) : null}
      {projects.data ? (
        <ProjectResults
          projects={projects.data}
          view={view}
          filtered={owner !== null}
          resetFilter={withOwnerFilter(params, null).toString()}
          onRestored={(name) => {
            setRestoredName(name);
            headingRef.current?.focus();
          }}
        />
      ) : null}
    </div>
  );
}

/**
 * The organisation/network filter: applied with a button, not on every change of the select, so
 * moving through the options with the keyboard does not reload the list under the user.
 */
function OwnerFilter({ value, onApply }: { value: string; onApply(value: string): void }) {
  const { t } = useTranslation();
  const id = useId();
  const organisations = useOwnerOrganisations();
  const networks = useOwnerNetworks();
  const [draft, setDraft] = useState<string | null>(null);

  if (organisations.isError || networks.isError) {
    return (
      <p role="alert" className="notice notice--error">
        {t("projects.list.ownersLoadFailed")} {errorMessage(t, organisations.error ?? networks.error)}
      </p>
    );
  }
  if (!organisations.data || !networks.data) {
    return null;
  }
  if (organisations.data.length + networks.data.length === 0) {
    return null;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(draft ?? value);
    setDraft(null);
  }

  return (
    <form className="form__actions projects-filter" onSubmit={onSubmit}>
      <OwnerSelect
        id={id}
        label={t("projects.list.filter.label")}
        value={draft ?? value}
        onValueChange={setDraft}
        organisations={organisations.data}
        networks={networks.data}
        emptyLabel={t("projects.list.filter.all")}
      />
      <Button type="submit" variant="secondary">
        {t("projects.list.filter.apply")}
      </Button>
    </form>
  );
}

interface ProjectResultsProps {
  projects: Project[];
  view: View;
  filtered: boolean;
  resetFilter: string;
  onRestored(name: string): void;
}

function ProjectResults({ projects, view, filtered, resetFilter, onRestored }: ProjectResultsProps) {
  const { t } = useTranslation();
  const emptyId = useId();
  const restore = useChangeProjectState();
  const language = currentLanguage();

  if (projects.length === 0) {
    const [title, text] =
      view === "trash"
        ? [t("projects.list.empty.trashTitle"), t("projects.list.empty.trash")]
        : view === "archived"
          ? [t("projects.list.empty.archivedTitle"), t("projects.list.empty.archived")]
          : filtered
            ? [t("projects.list.empty.filteredTitle"), t("projects.list.empty.filtered")]
            : [t("projects.list.empty.activeTitle"), t("projects.list.empty.active")];
    return (
      <section className="empty-state" aria-labelledby={emptyId}>
        <h2 id={emptyId}>{title}</h2>
        <p>{text}</p>
        {filtered ? (
          <p>
            <Link to={{ search: resetFilter ? `?${resetFilter}` : "" }}>
              {t("projects.list.filter.reset")}
            </Link>
          </p>
        ) : null}
      </section>
    );
  }

  function restoreProject(project: Project) {
    if (restore.isPending) {
      return;
    }
    restore.mutate({ id: project.id, action: "restore" }, { onSuccess: () => onRestored(project.name) });
  }

  return (
    <>
      <ActionError error={restore.error} />
      <ul className="project-list">
        {projects.map((project) => {
          return (
            <li key={project.id} className={`project-item project-color--${project.color}`}>
              <ProjectSwatch name={project.name} color={project.color} />
              <div className="project-item__main">
                <h2 className="project-item__name">
                  <Link to={`/projects/${project.id}`}>{project.name}</Link>
                </h2>
                <p className="meta-row project-item__meta">
                  <span>
                    {project.owner.kind === "organisation"
                      ? t("projects.owner.organisation", { name: project.owner.name })
                      : t("projects.owner.network", { name: project.owner.name })}
                  </span>
                  <span>{t("projects.list.myRole", { role: roleLabel(t, project.myRole) })}</span>
                  {view === "trash" && project.purgeAt ? (
                    <span>{t("projects.list.purgeAt", { date: formatDate(project.purgeAt, language) })}</span>
                  ) : null}
                </p>
              </div>
              {view === "trash" && project.abilities.restore ? (
                <Button
                  variant="secondary"
                  className="button--small"
                  busy={restore.isPending && restore.variables?.id === project.id}
                  onClick={() => restoreProject(project)}
                >
                  <span aria-hidden="true">{t("projects.list.restore")}</span>
                  <span className="visually-hidden">
                    {t("projects.list.restoreNamed", { name: project.name })}
                  </span>
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
