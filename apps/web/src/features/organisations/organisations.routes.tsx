import type { RouteObject } from "react-router";

/** The organisations pages inside the signed-in app shell. */
export const organisationsRoutes: RouteObject[] = [];
