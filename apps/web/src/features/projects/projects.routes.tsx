import type { RouteObject } from "react-router";
import { Loading } from "../../components/PageStatus.tsx";
import { projectBoardRoutes } from "../boards/boards.routes.tsx";
import { DocumentsPage } from "../documents/DocumentsPage.tsx";
import { NewProjectPage } from "./NewProjectPage.tsx";
import { ProjectLayout, type ProjectTab } from "./ProjectLayout.tsx";
import { ProjectMembersPage } from "./ProjectMembersPage.tsx";
import { ProjectOverviewPage } from "./ProjectOverviewPage.tsx";
import { hasProjectSettings, ProjectSettingsPage } from "./ProjectSettingsPage.tsx";
import { ProjectsListPage } from "./ProjectsListPage.tsx";

/**
 * The areas of a project, in the order of its sub-navigation. Later features (documents, tasks,
 * calendar, …) add their entry here and their page to `projectAreaRoutes`.
 */
export const projectTabs: ProjectTab[] = [
  { path: "", label: (t) => t("projects.project.tabs.overview") },
  { path: "documents", label: (t) => t("documents.title") },
  { path: "boards", label: (t) => t("boards.title") },
  { path: "members", label: (t) => t("projects.project.tabs.members") },
  { path: "settings", label: (t) => t("projects.project.tabs.settings"), visible: hasProjectSettings },
];

/** The page of each area below /projects/:id (the overview is the index). */
const projectAreaRoutes: RouteObject[] = [
  { index: true, element: <ProjectOverviewPage /> },
  { path: "documents", element: <DocumentsPage /> },
  ...projectBoardRoutes,
  { path: "members", element: <ProjectMembersPage /> },
  { path: "settings", element: <ProjectSettingsPage /> },
];

/** The projects pages inside the signed-in app shell. */
export const projectsRoutes: RouteObject[] = [
  {
    path: "projects",
    children: [
      { index: true, element: <ProjectsListPage /> },
      { path: "new", element: <NewProjectPage /> },
      { path: ":id", element: <ProjectLayout tabs={projectTabs} />, children: projectAreaRoutes },
      // The editor has the whole page (its own heading, no project tabs) and loads Tiptap and Yjs
      // only here: they are most of the app's weight.
      {
        path: ":id/documents/:docId",
        lazy: async () => ({
          Component: (await import("../documents/DocumentEditorPage.tsx")).DocumentEditorPage,
        }),
        // opened by its address, the page says it is loading while the editor's code arrives
        HydrateFallback: Loading,
      },
    ],
  },
];
