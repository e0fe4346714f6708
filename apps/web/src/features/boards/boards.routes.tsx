import type { RouteObject } from "react-router";
import { Loading } from "../../components/PageStatus.tsx";
import { BoardsPage } from "./BoardsPage.tsx";
import { MyTasksPage } from "./MyTasksPage.tsx";

/**
 * The boards' pages below /projects/:id (in the project's layout, under its "Aufgaben" tab). A
 * board brings drag and drop (and its task detail the editor), so it is loaded on its route.
 */
export const projectBoardRoutes: RouteObject[] = [
  { path: "boards", element: <BoardsPage /> },
  {
    path: "boards/:boardId",
    lazy: async () => ({ Component: (await import("./BoardPage.tsx")).BoardPage }),
    HydrateFallback: Loading,
  },
  {
    path: "boards/:boardId/archive",
    lazy: async () => ({ Component: (await import("./ArchivePage.tsx")).ArchivePage }),
    HydrateFallback: Loading,
  },
];

/** "Meine Aufgaben" inside the signed-in app shell. */
export const myTasksRoutes: RouteObject[] = [{ path: "my-tasks", element: <MyTasksPage /> }];
