import type { RouteObject } from "react-router";
import { InvitePage } from "./InvitePage.tsx";

/** The invitations pages inside the signed-in app shell (answered on the home page for now). */
export const invitationsRoutes: RouteObject[] = [];

/** Pages reachable without a session (the invitation link from a mail). */
export const invitationPublicRoutes: RouteObject[] = [{ path: "invite/:token", element: <InvitePage /> }];
