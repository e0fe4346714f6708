import type { RouteObject } from "react-router";

/** The networks pages inside the signed-in app shell. */
export const networksRoutes: RouteObject[] = [];
