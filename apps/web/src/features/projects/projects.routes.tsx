import type { RouteObject } from "react-router";

/** The projects pages inside the signed-in app shell. */
export const projectsRoutes: RouteObject[] = [];
