import type { RouteObject } from "react-router";

/** The invitations pages inside the signed-in app shell. */
export const invitationsRoutes: RouteObject[] = [];

/** Pages reachable without a session (the invitation link from a mail). */
export const invitationPublicRoutes: RouteObject[] = [];
